"""A communication's page, its receipts, and the forms to compose, answer, correct and attach."""

from __future__ import annotations

from typing import Any, cast
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sswbridge.accounts.decorators import staff_required, staff_user
from sswbridge.core.forms import apply_errors
from sswbridge.exchange import (
    attachments,
    envelope,
    erasure,
    hooks,
    receipts,
    redaction,
    release,
    selectors,
    services,
)
from sswbridge.exchange import federation as exchange_federation
from sswbridge.exchange.forms import PREFIX as PAYLOAD_PREFIX
from sswbridge.exchange.forms import AttachmentForm, CommunicationForm
from sswbridge.exchange.kinds import KINDS, composable_kinds
from sswbridge.exchange.models import Communication
from sswbridge.exchange.retraction import may_retract
from sswbridge.frameworks.models import Framework
from sswbridge.readlog import selectors as reads
from sswbridge.readlog import services as readlog


def _get(request: HttpRequest, pk: UUID) -> Communication:
    found = selectors.communication_for(staff_user(request), pk)
    if found is None:
        raise Http404
    return found


@staff_required
def detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    c = _get(request, pk)
    user = staff_user(request)
    receipts.mark_opened(actor=user, communication=c)
    readlog.log_read(user=user, obj=c)
    view = redaction.view_for(user, c, selectors.attachments_of(user, c))
    context: dict[str, Any] = {
        "c": c,
        "view": view,
        "may_retract": may_retract(user, c),
        "may_request": release.may_request(user, c) and view.has_withheld,
        "may_decide": release.may_decide(user, c),
        "release_requests": release.requests_for(user, c),
        "reads": list(reads.reads_of(user, c)[:100]) if not view.other_side else None,
        "versions": selectors.versions_of(user, c),
        "replies": selectors.replies_to(user, c),
        # A communication from another node carries that envelope's hash (commitments).
        "hash_ok": envelope.hash_matches(c)
        if c.is_sent and not exchange_federation.from_peer(c)
        else None,
        "delivery": None if view.other_side else exchange_federation.delivery_state(c),
        "peer_erased_at": None if view.other_side else erasure.confirmed_at(c),
        "may_acknowledge": receipts.may_acknowledge(user, c) and c.acknowledged_at is None,
        "may_answer": receipts.may_answer(user, c),
        "may_correct": services.may_correct(user, c),
        "may_send_draft": not c.is_sent and c.originator_agency_id == user.agency_id,
        "overdue": c.is_overdue(),
        "attach_form": AttachmentForm() if not c.is_sent else None,
        "intermediaries": [] if view.retracted else hooks.mentions().visible(user, c),
    }
    return render(request, "exchange/detail.html", context)


def _refusal(request: HttpRequest, exc: Exception) -> None:
    messages.error(request, getattr(exc, "message", None) or _("That is not allowed."))


@staff_required
@require_POST
def acknowledge(request: HttpRequest, pk: UUID) -> HttpResponse:
    c = _get(request, pk)
    try:
        receipts.acknowledge(actor=staff_user(request), communication=c)
    except (services.NotPermitted, services.ExchangeError) as exc:
        _refusal(request, exc)
    else:
        messages.success(request, _("Acknowledged."))
    return redirect("exchange:detail", pk=c.pk)


@staff_required
@require_POST
def send_draft(request: HttpRequest, pk: UUID) -> HttpResponse:
    c = _get(request, pk)
    try:
        services.send(actor=staff_user(request), communication=c)
    except (services.NotPermitted, services.ExchangeError, ValidationError) as exc:
        _refusal(request, exc)
    else:
        messages.success(request, _("Sent."))
    return redirect("exchange:detail", pk=c.pk)


def _sendable_frameworks(request: HttpRequest) -> Any:
    return Framework.objects.visible_to(staff_user(request))


@staff_required
def compose(request: HttpRequest) -> HttpResponse:
    if not services.may_send(staff_user(request)):
        raise PermissionDenied
    kind = KINDS.get(request.GET.get("kind", ""))
    if kind is None or kind.reply_only:
        return render(request, "exchange/choose_kind.html", {"kinds": composable_kinds()})
    form = CommunicationForm(
        request.POST or None,
        request.FILES or None,
        kind=kind,
        frameworks=_sendable_frameworks(request),
        with_files=True,
    )
    named = hooks.mentions()
    mentions = named.form(request.POST or None, user=staff_user(request), kind=kind.key)
    mentions_ok = mentions is None or mentions.is_valid()
    if request.method == "POST" and form.is_valid() and mentions_ok:
        fields = {"framework": form.cleaned_data["framework"], **form.service_fields()}
        fields.update(mentions.service_fields() if mentions else {})
        try:
            if request.POST.get("action") == "draft":
                c = services.create_draft(actor=staff_user(request), kind=kind.key, **fields)
            else:
                c = services.send_new(actor=staff_user(request), kind=kind.key, **fields)
        except ValidationError as exc:
            apply_errors(form, exc, field_prefix=PAYLOAD_PREFIX)
        except (services.NotPermitted, services.ExchangeError) as exc:
            form.add_error(None, getattr(exc, "message", str(exc)))
        else:
            messages.success(request, _("Saved as a draft.") if not c.is_sent else _("Sent."))
            return redirect("exchange:detail", pk=c.pk)
    context = {
        "form": form,
        "kind": kind,
        "mode": "new",
        "mentions": mentions,
        "mentions_template": named.form_template,
    }
    return render(request, "exchange/compose.html", context)


@staff_required
def answer(request: HttpRequest, pk: UUID) -> HttpResponse:
    original = _get(request, pk)
    spec = original.kind_spec
    if spec is None or not receipts.may_answer(staff_user(request), original):
        raise Http404
    key = request.GET.get("kind") or spec.answer_kinds[0]
    if key not in spec.answer_kinds:
        raise Http404
    kind = KINDS[key]
    initial = {"subject": _("Re: %(subject)s") % {"subject": original.subject}}
    form = CommunicationForm(request.POST or None, kind=kind, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            reply = receipts.answer(
                actor=staff_user(request), communication=original, kind=key, **form.service_fields()
            )
        except ValidationError as exc:
            apply_errors(form, exc, field_prefix=PAYLOAD_PREFIX)
        except (services.NotPermitted, services.ExchangeError) as exc:
            form.add_error(None, getattr(exc, "message", str(exc)))
        else:
            messages.success(request, _("Answer sent."))
            return redirect("exchange:detail", pk=reply.pk)
    return render(
        request,
        "exchange/compose.html",
        {"form": form, "kind": kind, "mode": "answer", "original": original},
    )


@staff_required
def correct(request: HttpRequest, pk: UUID) -> HttpResponse:
    original = _get(request, pk)
    spec = original.kind_spec
    if spec is None or not services.may_correct(staff_user(request), original):
        raise Http404
    form = CommunicationForm(
        request.POST or None, kind=spec, initial=CommunicationForm.initial_from(original)
    )
    if request.method == "POST" and form.is_valid():
        try:
            new = services.correct(
                actor=staff_user(request), communication=original, **form.service_fields()
            )
        except ValidationError as exc:
            apply_errors(form, exc, field_prefix=PAYLOAD_PREFIX)
        except (services.NotPermitted, services.ExchangeError) as exc:
            form.add_error(None, getattr(exc, "message", str(exc)))
        else:
            messages.success(request, _("Correction sent."))
            return redirect("exchange:detail", pk=new.pk)
    return render(
        request,
        "exchange/compose.html",
        {"form": form, "kind": spec, "mode": "correct", "original": original},
    )


@staff_required
@require_POST
def attach(request: HttpRequest, pk: UUID) -> HttpResponse:
    """Add files to a draft."""
    c = _get(request, pk)
    files = request.FILES.getlist("attachments")
    withheld = request.POST.get("withheld") == "on"
    try:
        services.add_attachments(
            actor=staff_user(request), communication=c, files=files, withheld=withheld
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    except (services.NotPermitted, services.ExchangeError) as exc:
        _refusal(request, exc)
    else:
        messages.success(request, _("Attached."))
    return redirect("exchange:detail", pk=c.pk)


@staff_required
def download(request: HttpRequest, pk: UUID) -> HttpResponse:
    """Hand out an attachment the user may see, and log the download."""
    found = selectors.attachment_for(staff_user(request), pk)
    if found is None:
        raise Http404
    attachments.record_download(actor=staff_user(request), attachment=found)
    readlog.log_read(user=staff_user(request), obj=found, action=readlog.DOWNLOAD)
    response = FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.original_name,
        content_type=found.content_type,
    )
    response["X-Content-SHA256"] = found.sha256
    return cast(HttpResponse, response)  # streamed; staff_required passes it through
