"""Pages of clause 8: suspensions, affected persons, return-assistance requests and the
dashboard of open requests."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sswbridge.accounts.decorators import staff_required, staff_user
from sswbridge.core.actions import post_action
from sswbridge.core.archive import FrameworkArchived
from sswbridge.suspensions import selectors, services, travel
from sswbridge.suspensions.forms import (
    DependantForm,
    LiftForm,
    PersonForm,
    PersonUpdateForm,
    ProgressForm,
    ReturnRequestForm,
    SuspensionForm,
    TravelProgressForm,
    TravelRequestForm,
)


def _one(qs: Any, pk: UUID) -> Any:
    found = qs.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


REFUSALS = (services.SuspensionError, services.NotPermitted, FrameworkArchived)


@staff_required
def suspension_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "suspensions/suspension_list.html",
        {
            "suspensions": selectors.suspensions_for(request.user),
            "may_record": services.may_record(staff_user(request)),
        },
    )


@staff_required
def suspension_create(request: HttpRequest) -> HttpResponse:
    if not services.may_record(staff_user(request)):
        raise PermissionDenied
    form = SuspensionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            s = services.record_suspension(actor=staff_user(request), **form.cleaned_data)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The suspension was recorded and sent to the partner."))
            return redirect("suspensions:detail", pk=s.pk)
    return render(request, "suspensions/suspension_form.html", {"form": form})


@staff_required
def suspension_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    suspension = _one(selectors.suspensions_for(request.user), pk)
    may_record = services.may_record(staff_user(request))
    return render(
        request,
        "suspensions/suspension_detail.html",
        {
            "suspension": suspension,
            "persons": selectors.persons_of(request.user, suspension),
            "may_record": may_record,
            "person_form": PersonForm() if may_record else None,
            "lift_form": LiftForm() if may_record and suspension.lifted_on is None else None,
        },
    )


@staff_required
@require_POST
def lift(request: HttpRequest, pk: UUID) -> HttpResponse:
    suspension = _one(selectors.suspensions_for(request.user), pk)
    back = redirect("suspensions:detail", pk=suspension.pk)
    form = LiftForm(request.POST)
    return post_action(
        request,
        lambda: services.lift_suspension(
            actor=staff_user(request), suspension=suspension, **form.cleaned_data
        ),
        done=_("The suspension was lifted."),
        back=back,
        refusals=REFUSALS,
        form=form,
    )


@staff_required
@require_POST
def add_person(request: HttpRequest, pk: UUID) -> HttpResponse:
    suspension = _one(selectors.suspensions_for(request.user), pk)
    back = redirect("suspensions:detail", pk=suspension.pk)
    form = PersonForm(request.POST)
    return post_action(
        request,
        lambda: services.add_person(
            actor=staff_user(request), suspension=suspension, **form.cleaned_data
        ),
        done=_("The person was recorded."),
        back=back,
        refusals=REFUSALS,
        form=form,
    )


@staff_required
def person_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    person = _one(selectors.persons_for(request.user), pk)
    may_record = services.may_record(staff_user(request))
    embassy = travel.may_handle(staff_user(request), person)
    documents = selectors.travel_documents_for(request.user).filter(person=person)
    return render(
        request,
        "suspensions/person_detail.html",
        {
            "person": person,
            "dependants": person.dependants.all(),
            "requests": selectors.return_requests_for(request.user).filter(person=person),
            "may_record": may_record,
            "update_form": PersonUpdateForm(
                initial={
                    "residence_situation": person.residence_situation,
                    "situation_note": person.situation_note,
                }
            )
            if may_record
            else None,
            "dependant_form": DependantForm() if may_record and person.is_ssw_ii else None,
            "return_form": ReturnRequestForm(person=person)
            if may_record and person.residence_situation == "may_not_remain"
            else None,
            "documents": [
                (d, TravelProgressForm(initial={"on": timezone.localdate()}))
                if embassy and d.next_steps()
                else (d, None)
                for d in documents
            ],
            "travel_form": TravelRequestForm(initial={"requested_on": timezone.localdate()})
            if embassy
            else None,
        },
    )


@staff_required
@require_POST
def update_person(request: HttpRequest, pk: UUID) -> HttpResponse:
    person = _one(selectors.persons_for(request.user), pk)
    back = redirect("suspensions:person", pk=person.pk)
    form = PersonUpdateForm(request.POST)
    return post_action(
        request,
        lambda: services.update_person(
            actor=staff_user(request), person=person, **form.cleaned_data
        ),
        done=_("The residence situation was updated."),
        back=back,
        refusals=REFUSALS,
        form=form,
    )


@staff_required
@require_POST
def add_dependant(request: HttpRequest, pk: UUID) -> HttpResponse:
    person = _one(selectors.persons_for(request.user), pk)
    back = redirect("suspensions:person", pk=person.pk)
    form = DependantForm(request.POST)
    return post_action(
        request,
        lambda: services.add_dependant(
            actor=staff_user(request), person=person, **form.cleaned_data
        ),
        done=_("The dependant was recorded."),
        back=back,
        refusals=REFUSALS,
        form=form,
    )


@staff_required
@require_POST
def request_return(request: HttpRequest, pk: UUID) -> HttpResponse:
    person = _one(selectors.persons_for(request.user), pk)
    back = redirect("suspensions:person", pk=person.pk)
    form = ReturnRequestForm(request.POST, person=person)
    return post_action(
        request,
        lambda: services.request_return_assistance(
            actor=staff_user(request),
            person=person,
            assistance=form.cleaned_data["assistance"],
            dependant_ids=[d.pk for d in form.cleaned_data["dependants"]],
        ),
        done=_("The request was sent to the partner."),
        back=back,
        refusals=REFUSALS,
        form=form,
    )


@staff_required
def return_dashboard(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = [(r, r.age_days(today)) for r in selectors.open_return_requests(request.user)]
    return render(request, "suspensions/return_dashboard.html", {"rows": rows})


@staff_required
def return_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    req = _one(selectors.return_requests_for(request.user), pk)
    step = req.next_step()
    may_report = (
        services.may_report_progress(staff_user(request))
        and request.user.agency.side_id == req.framework.partner_side_id  # type: ignore[union-attr]
        and step is not None
    )
    form = (
        ProgressForm(initial={"status": step[0], "on": timezone.localdate()})
        if may_report and step
        else None
    )
    return render(
        request,
        "suspensions/return_detail.html",
        {"req": req, "progress_form": form, "age": req.age_days()},
    )


@staff_required
@require_POST
def advance_return(request: HttpRequest, pk: UUID) -> HttpResponse:
    req = _one(selectors.return_requests_for(request.user), pk)
    back = redirect("suspensions:return_detail", pk=req.pk)
    form = ProgressForm(request.POST)
    return post_action(
        request,
        lambda: services.advance_return_request(
            actor=staff_user(request), request=req, **form.cleaned_data
        ),
        done=_("The progress was recorded."),
        back=back,
        refusals=REFUSALS,
        form=form,
    )
