"""Consultation pages: the list with open action items, a consultation's page (agenda,
participants, minutes, action items) with its forms, the actions and the iCalendar export."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sswbridge.accounts.decorators import staff_required, staff_user
from sswbridge.consultations import federation as peers
from sswbridge.consultations import ical, selectors, services
from sswbridge.consultations.forms import (
    ActionItemForm,
    ActionUpdateForm,
    AgendaItemForm,
    ConsultationForm,
    MinutesForm,
    OutcomeForm,
    ParticipantForm,
    StatusForm,
)
from sswbridge.consultations.models import (
    ActionItem,
    AgendaItem,
    Consultation,
    ConsultationStatus,
    MinutesVersion,
)
from sswbridge.core import exportguard
from sswbridge.core.actions import post_action
from sswbridge.core.archive import FrameworkArchived
from sswbridge.core.forms import apply_errors


def _get(request: HttpRequest, pk: UUID) -> Consultation:
    found = selectors.consultation_for(request.user, pk)
    if found is None:
        raise Http404
    return found


@staff_required
def consultation_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "consultations/consultation_list.html",
        {
            "consultations": selectors.consultations_for(request.user),
            "open_actions": selectors.open_actions_for(request.user),
            "may_write": services.may_write(staff_user(request)),
        },
    )


@staff_required
def consultation_create(request: HttpRequest) -> HttpResponse:
    if not services.may_write(staff_user(request)):
        raise PermissionDenied
    form = ConsultationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            c = services.schedule(actor=staff_user(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The consultation was scheduled."))
            return redirect("consultations:detail", pk=c.pk)
    return render(request, "consultations/consultation_form.html", {"form": form})


@staff_required
def consultation_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    c = _get(request, pk)
    user = staff_user(request)
    state = selectors.minutes_state(c)
    may_write = services.may_write(user)
    actions = list(selectors.actions_of(c))
    for action in actions:
        action.may_update = services.may_update_action(user, action)  # type: ignore[attr-defined]
    latest = state.latest
    context: dict[str, Any] = {
        "consultation": c,
        "participants": c.participants.select_related("side", "agency"),
        "agenda": selectors.agenda_of(user, c),
        "minutes": state,
        "actions": actions,
        "may_write": may_write,
        "may_export": exportguard.may_export(user, c),
        "may_approve": bool(
            latest and not state.approved and services.may_approve_version(user, latest)
        ),
        "may_draft": may_write
        and not state.approved
        and (state.drafting_side_id in (None, user.agency.side_id)),
        # Each side's approval with its signature, checked now (approved by both sides).
        "latest_signatures": [(a, peers.signature(a)) for a in latest.approvals.all()]
        if latest
        else [],
    }
    if may_write:
        context.update(
            participant_form=ParticipantForm(consultation=c, auto_id="participant_%s"),
            agenda_form=AgendaItemForm(user=user, consultation=c, auto_id="agenda_%s"),
            outcome_form=OutcomeForm(auto_id=False),
            minutes_form=MinutesForm(initial={"text": latest.text if latest else ""}),
            action_form=ActionItemForm(consultation=c, auto_id="action_%s"),
            update_form=ActionUpdateForm(),
            status_form=StatusForm() if c.status == ConsultationStatus.PLANNED else None,
        )
    return render(request, "consultations/consultation_detail.html", context)


@staff_required
def consultation_ics(request: HttpRequest, pk: UUID) -> HttpResponse:
    c = _get(request, pk)
    exportguard.require_export_right(request.user, c)  # a file leaving the system (clause 3)
    response = HttpResponse(
        ical.to_ics(c, selectors.agenda_of(request.user, c)), content_type="text/calendar"
    )
    response["Content-Disposition"] = f'attachment; filename="consultation-{c.pk}.ics"'
    return response


REFUSALS = (services.ConsultationError, services.NotPermitted, FrameworkArchived)


def _back(c: Consultation) -> HttpResponse:
    return redirect("consultations:detail", pk=c.pk)


@staff_required
@require_POST
def change_status(request: HttpRequest, pk: UUID) -> HttpResponse:
    c = _get(request, pk)
    form = StatusForm(request.POST)
    return post_action(
        request,
        lambda: services.set_status(actor=staff_user(request), consultation=c, **form.cleaned_data),
        done=_("The status was changed."),
        back=_back(c),
        refusals=REFUSALS,
        form=form,
    )


@staff_required
@require_POST
def add_participant(request: HttpRequest, pk: UUID) -> HttpResponse:
    c = _get(request, pk)
    form = ParticipantForm(request.POST, consultation=c)
    return post_action(
        request,
        lambda: services.add_participant(
            actor=staff_user(request), consultation=c, **form.cleaned_data
        ),
        done=_("The participant was added."),
        back=_back(c),
        refusals=REFUSALS,
        form=form,
    )


@staff_required
@require_POST
def add_agenda_item(request: HttpRequest, pk: UUID) -> HttpResponse:
    c = _get(request, pk)
    form = AgendaItemForm(request.POST, user=request.user, consultation=c)
    return post_action(
        request,
        lambda: services.add_agenda_item(
            actor=staff_user(request), consultation=c, **form.service_fields()
        ),
        done=_("The item was added to the agenda."),
        back=_back(c),
        refusals=REFUSALS,
        form=form,
    )


@staff_required
@require_POST
def record_outcome(request: HttpRequest, pk: UUID, item_pk: UUID) -> HttpResponse:
    c = _get(request, pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, consultation=c)
    form = OutcomeForm(request.POST)
    return post_action(
        request,
        lambda: services.record_outcome(actor=staff_user(request), item=item, **form.cleaned_data),
        done=_("The outcome was recorded."),
        back=_back(c),
        refusals=REFUSALS,
        form=form,
    )


@staff_required
@require_POST
def draft_minutes(request: HttpRequest, pk: UUID) -> HttpResponse:
    c = _get(request, pk)
    form = MinutesForm(request.POST)
    return post_action(
        request,
        lambda: services.draft_minutes(
            actor=staff_user(request), consultation=c, **form.cleaned_data
        ),
        done=_("A new version of the minutes was saved."),
        back=_back(c),
        refusals=REFUSALS,
        form=form,
    )


@staff_required
@require_POST
def approve_minutes(request: HttpRequest, pk: UUID, version_pk: UUID) -> HttpResponse:
    c = _get(request, pk)
    version = get_object_or_404(MinutesVersion, pk=version_pk, consultation=c)
    return post_action(
        request,
        lambda: services.approve_minutes(actor=staff_user(request), minutes=version),
        done=_("Your side approved the minutes."),
        back=_back(c),
        refusals=REFUSALS,
    )


@staff_required
@require_POST
def add_action_item(request: HttpRequest, pk: UUID) -> HttpResponse:
    c = _get(request, pk)
    form = ActionItemForm(request.POST, consultation=c)
    return post_action(
        request,
        lambda: services.add_action_item(
            actor=staff_user(request), consultation=c, **form.cleaned_data
        ),
        done=_("The action item was added."),
        back=_back(c),
        refusals=REFUSALS,
        form=form,
    )


@staff_required
@require_POST
def update_action_item(request: HttpRequest, pk: UUID, action_pk: UUID) -> HttpResponse:
    c = _get(request, pk)
    item = get_object_or_404(ActionItem, pk=action_pk, consultation=c)
    form = ActionUpdateForm(request.POST)
    return post_action(
        request,
        lambda: services.update_action_item(
            actor=staff_user(request), item=item, **form.cleaned_data
        ),
        done=_("The action item was updated."),
        back=_back(c),
        refusals=REFUSALS,
        form=form,
    )
