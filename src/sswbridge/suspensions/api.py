"""Clause 8 under /api/v1/suspensions: suspensions, affected persons, return requests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Router, Status, UploadedFile
from ninja.errors import HttpError

from sswbridge.core.api import ERRORS, run
from sswbridge.core.api import auth_user as _user
from sswbridge.core.api import error as _error
from sswbridge.core.archive import FrameworkArchived
from sswbridge.frameworks.models import Framework, SSWField
from sswbridge.suspensions import bulk, selectors, services, travel
from sswbridge.suspensions.models import (
    AffectedPerson,
    ReturnAssistanceRequest,
    Suspension,
    TravelDocument,
)
from sswbridge.suspensions.schemas import (
    DependantIn,
    DependantOut,
    LiftIn,
    PersonIn,
    PersonOut,
    PersonPatch,
    ProgressIn,
    ReturnRequestIn,
    ReturnRequestOut,
    SuspensionDetailOut,
    SuspensionIn,
    SuspensionOut,
    TravelDocumentIn,
    TravelDocumentOut,
    TravelDocumentProgressIn,
    UploadOut,
)

router = Router(tags=["suspensions"])


def _clean(value: str) -> str:
    return value.replace("\x00", "")


def _run(action: Callable[[], Any], status: int = 200) -> Status[Any]:
    return run(
        action,
        refused=services.NotPermitted,
        conflicts=(services.SuspensionError, FrameworkArchived),
        status=status,
    )


def _suspension(request: HttpRequest, suspension_id: UUID) -> Suspension:
    found = selectors.suspensions_for(_user(request)).filter(pk=suspension_id).first()
    if found is None:
        raise HttpError(404, _("No such suspension."))
    return found


def _person(request: HttpRequest, person_id: UUID) -> AffectedPerson:
    found = selectors.persons_for(_user(request)).filter(pk=person_id).first()
    if found is None:
        raise HttpError(404, _("No such person."))
    return found


def _return(request: HttpRequest, request_id: UUID) -> ReturnAssistanceRequest:
    found = selectors.return_requests_for(_user(request)).filter(pk=request_id).first()
    if found is None:
        raise HttpError(404, _("No such request."))
    return found


def _suspension_out(s: Suspension) -> dict[str, Any]:
    return {
        "id": s.pk,
        "framework": s.framework.code,
        "field": s.field.code,
        "starts_on": s.starts_on,
        "lifted_on": s.lifted_on,
        "legal_basis": s.legal_basis,
        "scope": s.scope,
        "communication": s.communication_id,
    }


def _request_out(r: ReturnAssistanceRequest) -> dict[str, Any]:
    return {
        "id": r.pk,
        "framework": r.framework.code,
        "person": r.person_id,
        "person_name": r.person.name,
        "dependants": [d.pk for d in r.dependants.all()],
        "assistance": r.assistance,
        "communication": r.communication_id,
        "status": r.status,
        "requested_on": r.requested_on,
        "received_on": r.received_on,
        "passport_issued_on": r.passport_issued_on,
        "departed_on": r.departed_on,
        "closed_on": r.closed_on,
        "age_days": r.age_days(),
    }


@router.get("", response=list[SuspensionOut], operation_id="suspensions_list_suspensions")
def list_suspensions(request: HttpRequest) -> Any:
    return [_suspension_out(s) for s in selectors.suspensions_for(_user(request))]


@router.post(
    "", response={201: SuspensionOut, **ERRORS}, operation_id="suspensions_record_suspension"
)
def record_suspension(request: HttpRequest, payload: SuspensionIn) -> Any:
    """Japan records a temporary suspension of acceptance in a field; the partner gets a
    communication and the public portal shows it."""
    user = _user(request)
    framework = Framework.objects.visible_to(user).filter(code=_clean(payload.framework)).first()
    if framework is None:
        return Status(404, _error("unknown_framework", _("No such framework.")))
    field = SSWField.objects.filter(code=_clean(payload.field)).first()
    if field is None:
        return Status(400, _error("invalid_input", _("No such SSW field.")))
    return _run(
        lambda: _suspension_out(
            services.record_suspension(
                actor=user,
                framework=framework,
                field=field,
                starts_on=payload.starts_on,
                legal_basis=payload.legal_basis,
                scope=payload.scope,
            )
        ),
        201,
    )


@router.get(
    "/return-requests",
    response=list[ReturnRequestOut],
    operation_id="suspensions_list_open_return_requests",
)
def open_return_requests(request: HttpRequest) -> Any:
    """The dashboard: open return-assistance requests with their age, the oldest first."""
    return [_request_out(r) for r in selectors.open_return_requests(_user(request))]


@router.get(
    "/return-requests/{request_id}",
    response=ReturnRequestOut,
    operation_id="suspensions_get_return_request",
)
def get_return_request(request: HttpRequest, request_id: UUID) -> Any:
    return _request_out(_return(request, request_id))


@router.post(
    "/return-requests/{request_id}/progress",
    response={200: ReturnRequestOut, **ERRORS},
    operation_id="suspensions_advance_return_request",
)
def advance_return_request(request: HttpRequest, request_id: UUID, payload: ProgressIn) -> Any:
    """The partner records the next step with its date: received, passport issued, departed,
    closed."""
    req = _return(request, request_id)
    return _run(
        lambda: _request_out(
            services.advance_return_request(
                actor=_user(request), request=req, status=payload.status, on=payload.on
            )
        )
    )


def _document(request: HttpRequest, document_id: UUID) -> TravelDocument:
    found = selectors.travel_documents_for(_user(request)).filter(pk=document_id).first()
    if found is None:
        raise HttpError(404, _("No such travel document."))
    return found


@router.get(
    "/persons/{person_id}/travel-documents",
    response=list[TravelDocumentOut],
    operation_id="suspensions_list_travel_documents",
)
def list_travel_documents(request: HttpRequest, person_id: UUID) -> Any:
    """The person's temporary travel documents, from request to issue to departure."""
    person = _person(request, person_id)
    return list(selectors.travel_documents_for(_user(request)).filter(person=person))


@router.post(
    "/persons/{person_id}/travel-documents",
    response={201: TravelDocumentOut, **ERRORS},
    operation_id="suspensions_request_travel_document",
)
def request_travel_document(
    request: HttpRequest, person_id: UUID, payload: TravelDocumentIn
) -> Any:
    """The partner's embassy records a request for a temporary travel document."""
    person = _person(request, person_id)
    return _run(
        lambda: travel.request_travel_document(
            actor=_user(request), person=person, **payload.dict()
        ),
        201,
    )


@router.post(
    "/travel-documents/{document_id}/progress",
    response={200: TravelDocumentOut, **ERRORS},
    operation_id="suspensions_advance_travel_document",
)
def advance_travel_document(
    request: HttpRequest, document_id: UUID, payload: TravelDocumentProgressIn
) -> Any:
    """The embassy records the next step: issued (with the number), departed, or cancelled."""
    document = _document(request, document_id)
    return _run(
        lambda: travel.advance_travel_document(
            actor=_user(request), document=document, **payload.dict()
        )
    )


@router.get("/persons/{person_id}", response=PersonOut, operation_id="suspensions_get_person")
def get_person(request: HttpRequest, person_id: UUID) -> Any:
    return _person(request, person_id)


@router.patch(
    "/persons/{person_id}",
    response={200: PersonOut, **ERRORS},
    operation_id="suspensions_update_person",
)
def update_person(request: HttpRequest, person_id: UUID, payload: PersonPatch) -> Any:
    person = _person(request, person_id)
    return _run(
        lambda: services.update_person(actor=_user(request), person=person, **payload.dict())
    )


@router.post(
    "/persons/{person_id}/dependants",
    response={201: DependantOut, **ERRORS},
    operation_id="suspensions_add_dependant",
)
def add_dependant(request: HttpRequest, person_id: UUID, payload: DependantIn) -> Any:
    """A spouse or child: refused unless the worker's status is SSW (ii)."""
    person = _person(request, person_id)
    return _run(
        lambda: services.add_dependant(actor=_user(request), person=person, **payload.dict()), 201
    )


@router.post(
    "/persons/{person_id}/return-requests",
    response={201: ReturnRequestOut, **ERRORS},
    operation_id="suspensions_request_return",
)
def request_return(request: HttpRequest, person_id: UUID, payload: ReturnRequestIn) -> Any:
    """Japan asks the partner's help with the return of a person who may not remain."""
    person = _person(request, person_id)
    return _run(
        lambda: _request_out(
            services.request_return_assistance(
                actor=_user(request),
                person=person,
                assistance=payload.assistance,
                dependant_ids=payload.dependant_ids,
            )
        ),
        201,
    )


@router.get(
    "/{suspension_id}", response=SuspensionDetailOut, operation_id="suspensions_get_suspension"
)
def get_suspension(request: HttpRequest, suspension_id: UUID) -> Any:
    """A suspension with the affected persons and their dependants (personal data)."""
    s = _suspension(request, suspension_id)
    return {**_suspension_out(s), "persons": list(selectors.persons_of(_user(request), s))}


@router.post(
    "/{suspension_id}/lift",
    response={200: SuspensionOut, **ERRORS},
    operation_id="suspensions_lift_suspension",
)
def lift_suspension(request: HttpRequest, suspension_id: UUID, payload: LiftIn) -> Any:
    s = _suspension(request, suspension_id)
    return _run(
        lambda: _suspension_out(
            services.lift_suspension(
                actor=_user(request), suspension=s, lifted_on=payload.lifted_on
            )
        )
    )


@router.post(
    "/{suspension_id}/persons",
    response={201: PersonOut, **ERRORS},
    operation_id="suspensions_add_person",
)
def add_person(request: HttpRequest, suspension_id: UUID, payload: PersonIn) -> Any:
    """An affected worker from the partner; dependants are accepted only for SSW (ii)."""
    s = _suspension(request, suspension_id)
    data = payload.dict()
    return _run(lambda: services.add_person(actor=_user(request), suspension=s, **data), 201)


@router.post(
    "/{suspension_id}/persons/upload",
    response={201: UploadOut, **ERRORS},
    operation_id="suspensions_upload_persons",
)
def upload_persons(
    request: HttpRequest, suspension_id: UUID, file: File[UploadedFile | None] = None
) -> Any:
    """Affected persons in bulk from a CSV or XLSX file (multipart `file`; columns as in the
    template): all saved, or none, with each problem as "row N, column X: reason"."""
    s = _suspension(request, suspension_id)  # 404 first: another framework learns nothing
    try:
        bulk.require_recorder(_user(request))  # 403 before asking for the file
    except services.NotPermitted as exc:
        return Status(403, _error(exc.code, exc.message))
    if file is None:
        message = str(_("Send the file as the multipart field `file`."))
        return Status(400, _error("invalid_file", message, {"file": [message]}))
    try:
        persons = bulk.upload_persons(
            actor=_user(request),
            suspension=s,
            name=file.name or "",
            upload=file,
            size=file.size,
        )
    except bulk.UploadRefused as exc:
        message = " ".join(exc.messages)
        return Status(400, _error("invalid_file", message, {"file": exc.messages}))
    except services.NotPermitted as exc:
        return Status(403, _error(exc.code, exc.message))
    return Status(201, {"created": len(persons), "persons": persons})
