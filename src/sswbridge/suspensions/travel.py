"""Temporary travel documents (clause 8, issue 16): the partner's embassy records the request,
the issue (with the document's number) and the departure, or cancels; each step one
transaction with its audit entry. The partner's side keeps the record, marked for both sides,
so Japan's officers who handle the person see it too."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sswbridge.accounts.models import User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.core.cleaning import clean_choice, clean_text
from sswbridge.core.models import Marking
from sswbridge.suspensions.identity import clean_passport
from sswbridge.suspensions.models import (
    AffectedPerson,
    TravelDocument,
    TravelDocumentStatus,
)
from sswbridge.suspensions.services import NotPermitted, SuspensionError, may_report_progress

DOCUMENT_FIELDS = (
    "person_id",
    "kind",
    "status",
    "issuing_mission",
    "document_number",
    "requested_on",
    "issued_on",
    "departed_on",
    "cancelled_on",
)


def may_handle(user: Any, person: AffectedPerson) -> bool:
    """The partner's officers and contact points of the person's framework (the embassy)."""
    return bool(
        may_report_progress(user) and user.agency.side_id == person.framework.partner_side_id
    )


def _require_partner(actor: User, person: AffectedPerson) -> None:
    if not may_handle(actor, person):
        raise NotPermitted(
            "partner_travel_documents",
            _("The partner's officers (its embassy) keep the travel documents."),
        )


def _check_date(on: dt.date, previous: dt.date) -> None:
    if on < previous or on > timezone.localdate():
        raise ValidationError(
            {"on": [str(_("The date must lie between the previous step and today."))]}
        )


def request_travel_document(
    *, actor: User, person: AffectedPerson, issuing_mission: str, requested_on: dt.date
) -> TravelDocument:
    """The embassy records that a temporary travel document was requested for the person."""
    mission = clean_text("issuing_mission", issuing_mission, limit=200, line=True)
    with transaction.atomic():
        p = AffectedPerson.objects.select_related("framework").get(pk=person.pk)
        _require_partner(actor, p)
        if requested_on > timezone.localdate():
            raise ValidationError({"requested_on": [str(_("The date lies in the future."))]})
        doc = TravelDocument.objects.create(
            framework=p.framework,
            originator_side=actor.agency.side,
            originator_agency=actor.agency,
            marking=Marking.BOTH,
            person=p,
            issuing_mission=mission,
            requested_on=requested_on,
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=doc,
            framework=p.framework,
            changes=audit.diff(None, audit.snapshot(doc, DOCUMENT_FIELDS)),
        )
        return doc


def advance_travel_document(
    *,
    actor: User,
    document: TravelDocument,
    status: str,
    on: dt.date,
    document_number: str = "",
) -> TravelDocument:
    """The next step: issued (with the document's number), departed, or cancelled. Steps
    follow in order; dates never go back and never lie in the future."""
    status = clean_choice("status", status, TravelDocumentStatus.values)
    with transaction.atomic():
        d: TravelDocument = (
            TravelDocument.objects.select_for_update(no_key=True)
            .select_related("person__framework")
            .get(pk=document.pk)
        )
        _require_partner(actor, d.person)
        steps = d.next_steps()
        if status not in steps:
            raise SuspensionError(
                "not_next_step", _("That is not a next step of the travel document.")
            )
        previous = max(x for x in (d.requested_on, d.issued_on) if x is not None)
        _check_date(on, previous)
        before = audit.snapshot(d, DOCUMENT_FIELDS)
        if status == TravelDocumentStatus.ISSUED:
            try:
                number = clean_passport(document_number)
            except ValidationError:
                number = ""
            if not number:
                message = _("The issued document's number is needed: 6 to 12 letters and digits.")
                raise ValidationError({"document_number": [str(message)]})
            d.document_number = number
        setattr(d, steps[status], on)
        d.status, d.version = status, d.version + 1
        d.save()
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=d,
            framework=d.framework,
            changes=audit.diff(before, audit.snapshot(d, DOCUMENT_FIELDS)),
        )
        return d
