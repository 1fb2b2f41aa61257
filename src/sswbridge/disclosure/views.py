"""Disclosure pages: the request form, the originator's decision, the consent and its PDF,
the export and the ledger (clause 3)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sswbridge.accounts.decorators import staff_required, staff_user
from sswbridge.core.actions import post_action, run_action
from sswbridge.core.archive import FrameworkArchived
from sswbridge.disclosure import federation as peers
from sswbridge.disclosure import items as catalogue
from sswbridge.disclosure import package, selectors, services
from sswbridge.disclosure.forms import GrantForm, RefuseForm, RequestForm, picked_items
from sswbridge.disclosure.models import Disclosure, DisclosureRequest


def _request(request: HttpRequest, pk: UUID) -> DisclosureRequest:
    found = selectors.requests_for(request.user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@staff_required
def request_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "disclosure/list.html",
        {
            "requests": selectors.requests_for(request.user)[:200],
            "may_request": services.may_request(staff_user(request)),
        },
    )


def _candidates(request: HttpRequest) -> list[dict[str, Any]]:
    comms, cases = selectors.candidates_for(request.user)
    only = request.GET.get("communication") or request.GET.get("case")
    rows = []
    for kind, objs in (("communication", comms), ("case", cases)):
        for obj in objs:
            if only and str(obj.pk) != only:
                continue
            rows.append(
                {
                    "kind": kind,
                    "obj": obj,
                    "title": getattr(obj, "subject", None) or getattr(obj, "title", ""),
                    "fields": catalogue.field_choices(obj),
                    "files": catalogue.file_choices(obj, request.user),
                }
            )
    return rows


@staff_required
def new_request(request: HttpRequest) -> HttpResponse:
    if not services.may_request(staff_user(request)):
        raise PermissionDenied
    form = RequestForm(request.POST or None)
    picked = request.POST.getlist("pick")
    if request.method == "POST" and form.is_valid():
        try:
            created = services.file_request(
                actor=staff_user(request), items=picked_items(picked), **form.cleaned_data
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        except (services.NotPermitted, services.DisclosureError, FrameworkArchived) as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The request was sent to the originator's contact point."))
            return redirect("disclosure:detail", pk=created.pk)
    return render(
        request,
        "disclosure/new.html",
        {"form": form, "candidates": _candidates(request), "picked": set(picked)},
    )


@staff_required
def request_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    r = _request(request, pk)
    user = staff_user(request)
    return render(
        request,
        "disclosure/detail.html",
        {
            "r": r,
            "decision_signature": peers.signature(r),
            "items": r.items.all(),
            "letter": r.communication,
            "may_decide": services.may_decide(user, r),
            "may_export": services.may_export(user, r),
            "in_force": r.consent_in_force(),
            "grant_form": GrantForm(),
            "refuse_form": RefuseForm(),
            "disclosures": r.disclosures.select_related("exported_by"),
        },
    )


REFUSALS = (services.NotPermitted, services.DisclosureError, FrameworkArchived)


def _back(r: DisclosureRequest) -> HttpResponse:
    return redirect("disclosure:detail", pk=r.pk)


@staff_required
@require_POST
def grant(request: HttpRequest, pk: UUID) -> HttpResponse:
    r = _request(request, pk)
    form = GrantForm(request.POST)
    return post_action(
        request,
        lambda: services.grant(actor=staff_user(request), request=r, **form.cleaned_data),
        done=_("The written consent was given and sent."),
        back=_back(r),
        refusals=REFUSALS,
        form=form,
    )


@staff_required
@require_POST
def refuse(request: HttpRequest, pk: UUID) -> HttpResponse:
    r = _request(request, pk)
    form = RefuseForm(request.POST)
    reasons = form.cleaned_data["reasons"] if form.is_valid() else ""
    return post_action(
        request,
        lambda: services.refuse(actor=staff_user(request), request=r, reasons=reasons),
        done=_("The refusal was sent."),
        back=_back(r),
        refusals=REFUSALS,
    )


@staff_required
def consent_pdf(request: HttpRequest, pk: UUID) -> HttpResponse:
    r = _request(request, pk)
    if not r.consent_reference or r.status != "granted":
        raise Http404
    response = HttpResponse(package.consent_pdf(r), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{r.consent_reference}.pdf"'
    return response


@staff_required
@require_POST
def export(request: HttpRequest, pk: UUID) -> HttpResponse:
    r = _request(request, pk)
    made: list[Disclosure] = []
    run_action(
        request,
        lambda: made.append(services.export(actor=staff_user(request), request=r)),
        done=_("The export package was made and entered in the disclosure ledger."),
        refusals=REFUSALS,
    )
    return redirect("disclosure:package", pk=made[0].pk) if made else _back(r)


@staff_required
def package_download(request: HttpRequest, pk: UUID) -> Any:
    found = selectors.ledger_for(request.user).filter(pk=pk).first()
    if found is None:
        raise Http404
    if not services.may_download(staff_user(request), found):
        raise PermissionDenied
    services.record_download(actor=staff_user(request), disclosure=found)
    return FileResponse(
        found.package.open("rb"),
        as_attachment=True,
        filename=found.package_name,
        content_type="application/zip",
    )


@staff_required
def ledger(request: HttpRequest) -> HttpResponse:
    return render(
        request, "disclosure/ledger.html", {"disclosures": selectors.ledger_for(request.user)[:500]}
    )
