"""Pages of issue 16's clause 8 records: the bulk upload of affected persons with its
template, and the travel documents the partner's embassy keeps."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from sswbridge.accounts.decorators import staff_required, staff_user
from sswbridge.core.actions import post_action
from sswbridge.suspensions import bulk, selectors, services, travel
from sswbridge.suspensions.forms import TravelProgressForm, TravelRequestForm, UploadForm
from sswbridge.suspensions.views import REFUSALS, _one


@staff_required
def upload(request: HttpRequest, pk: UUID) -> HttpResponse:
    suspension = _one(selectors.suspensions_for(request.user), pk)
    if not services.may_record(staff_user(request)):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            persons = bulk.upload_persons(
                actor=staff_user(request),
                suspension=suspension,
                name=file.name or "",
                upload=file,
                size=file.size,
            )
        except bulk.UploadRefused as exc:
            problems = exc.messages
        else:
            messages.success(
                request,
                ngettext("%(n)d person was recorded.", "%(n)d persons were recorded.", len(persons))
                % {"n": len(persons)},
            )
            return redirect("suspensions:detail", pk=suspension.pk)
    return render(
        request,
        "suspensions/person_upload.html",
        {
            "suspension": suspension,
            "form": form,
            "problems": problems,
            "columns": ", ".join(bulk.COLUMNS),
        },
        status=400 if problems else 200,
    )


@staff_required
def template(request: HttpRequest) -> HttpResponse:
    """The CSV template: the columns and one invented example row."""
    response = HttpResponse(bulk.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="affected-persons.csv"'
    return response


@staff_required
@require_POST
def request_travel(request: HttpRequest, pk: UUID) -> HttpResponse:
    person = _one(selectors.persons_for(request.user), pk)
    back = redirect("suspensions:person", pk=person.pk)
    form = TravelRequestForm(request.POST)
    return post_action(
        request,
        lambda: travel.request_travel_document(
            actor=staff_user(request), person=person, **form.cleaned_data
        ),
        done=_("The request for a travel document was recorded."),
        back=back,
        refusals=REFUSALS,
        form=form,
    )


@staff_required
@require_POST
def advance_travel(request: HttpRequest, pk: UUID) -> HttpResponse:
    document = _one(selectors.travel_documents_for(request.user), pk)
    back = redirect("suspensions:person", pk=document.person_id)
    form = TravelProgressForm(request.POST)
    return post_action(
        request,
        lambda: travel.advance_travel_document(
            actor=staff_user(request), document=document, **form.cleaned_data
        ),
        done=_("The travel document's progress was recorded."),
        back=back,
        refusals=REFUSALS,
        form=form,
    )
