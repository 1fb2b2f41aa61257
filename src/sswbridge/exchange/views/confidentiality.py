"""Pages for retraction and for requests of withheld content (see `retraction.py`,
`release.py`); the communication's page shows the rest."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sswbridge.accounts.decorators import staff_required, staff_user
from sswbridge.exchange import release, retraction, selectors, services
from sswbridge.exchange.forms import ReleaseDecisionForm, ReleaseRequestForm, RetractForm
from sswbridge.exchange.models import Attachment, Communication, ReleaseRequest

REFUSALS = (services.NotPermitted, services.ExchangeError)


def _get(request: HttpRequest, pk: UUID) -> Communication:
    found = selectors.communication_for(staff_user(request), pk)
    if found is None:
        raise Http404
    return found


def _messages(request: HttpRequest, exc: Exception) -> None:
    if isinstance(exc, ValidationError):
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.error(request, getattr(exc, "message", None) or _("That is not allowed."))


@staff_required
def retract(request: HttpRequest, pk: UUID) -> HttpResponse:
    """The originating agency retracts a communication (with a reason)."""
    c = _get(request, pk)
    if not retraction.may_retract(staff_user(request), c):
        raise Http404
    form = RetractForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            retraction.retract(
                actor=staff_user(request), communication=c, reason=form.cleaned_data["reason"]
            )
        except (*REFUSALS, ValidationError) as exc:
            _messages(request, exc)
        else:
            messages.success(request, _("Retracted. The other side has been told."))
            return redirect("exchange:detail", pk=c.pk)
    return render(request, "exchange/retract.html", {"c": c, "form": form})


@staff_required
@require_POST
def request_release(request: HttpRequest, pk: UUID) -> HttpResponse:
    """The other side asks for a withheld field (`field:NAME`) or attachment
    (`attachment:UUID`)."""
    c = _get(request, pk)
    form = ReleaseRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why you need it."))
        return redirect("exchange:detail", pk=c.pk)
    kind, _sep, value = form.cleaned_data["target"].partition(":")
    field, attachment = "", None
    if kind == "field":
        field = value
    elif kind == "attachment":
        try:
            attachment = Attachment.objects.visible_to(staff_user(request)).get(
                pk=UUID(value), communication=c
            )
        except (ValueError, Attachment.DoesNotExist):
            raise Http404 from None
    try:
        release.request_release(
            actor=staff_user(request),
            communication=c,
            reason=form.cleaned_data["reason"],
            field=field,
            attachment=attachment,
        )
    except (*REFUSALS, ValidationError) as exc:
        _messages(request, exc)
    else:
        messages.success(request, _("Your request has been sent to the originator."))
    return redirect("exchange:detail", pk=c.pk)


@staff_required
@require_POST
def decide_release(request: HttpRequest, pk: UUID, request_pk: int) -> HttpResponse:
    """The originating side's contact point releases or refuses."""
    c = _get(request, pk)
    item = get_object_or_404(ReleaseRequest, pk=request_pk, communication=c)
    form = ReleaseDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose release or refuse."))
        return redirect("exchange:detail", pk=c.pk)
    try:
        release.decide(
            actor=staff_user(request),
            request=item,
            release=form.cleaned_data["decision"] == "release",
            note=form.cleaned_data.get("note") or "",
        )
    except (*REFUSALS, ValidationError) as exc:
        _messages(request, exc)
    else:
        messages.success(request, _("Decided. The requester has been told."))
    return redirect("exchange:detail", pk=c.pk)
