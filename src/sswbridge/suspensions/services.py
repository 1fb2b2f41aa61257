"""Every write of clause 8: one transaction each, with its audit entry.

Japan (its contact-point officers and officers) records a suspension, which goes to the
partner as a communication, the affected persons and their dependants, and the requests for
return assistance. The partner (its contact-point officers and officers) reports each
request's progress: received, passport issued, departed, closed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sswbridge.accounts.models import Role, User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.core.cleaning import clean_choice, clean_text
from sswbridge.core.models import Marking
from sswbridge.exchange import services as exchange
from sswbridge.frameworks.models import Framework, SSWField
from sswbridge.suspensions.identity import IDENTITY_FIELDS, clean_identity
from sswbridge.suspensions.models import (
    RETURN_STEPS,
    AffectedPerson,
    Dependant,
    Relation,
    ResidenceSituation,
    ResidenceStatus,
    ReturnAssistanceRequest,
    ReturnStatus,
    Suspension,
)

WRITER_ROLES = (Role.CONTACT_POINT, Role.OFFICER)
TEXT_MAX = 10_000
SUSPENSION_FIELDS = ("field_id", "starts_on", "lifted_on", "legal_basis", "scope", "marking")
PERSON_FIELDS = (
    "suspension_id",
    "name",
    "status_of_residence",
    "employer",
    "residence_situation",
    "situation_note",
    *IDENTITY_FIELDS,
)
REQUEST_FIELDS = (
    "person_id",
    "assistance",
    "status",
    "requested_on",
    "received_on",
    "passport_issued_on",
    "departed_on",
    "closed_on",
)


class NotPermitted(PermissionDenied):
    def __init__(self, code: str, message: str | Promise) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = str(message)


class SuspensionError(Exception):
    status = 409

    def __init__(self, code: str, message: str | Promise) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = str(message)


def _writer(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.role in WRITER_ROLES)


def may_record(user: User) -> bool:
    """Japan's officers record suspensions, affected persons and return requests."""
    return _writer(user) and user.is_japan


def may_report_progress(user: User) -> bool:
    """The partner's officers report the progress of return requests."""
    return _writer(user) and not user.is_japan


def _require_japan(actor: User, framework: Framework) -> None:
    if not may_record(actor):
        raise NotPermitted(
            "japan_records", _("Only Japan's officers record suspensions and return requests.")
        )
    if not Framework.objects.visible_to(actor).filter(pk=framework.pk).exists():
        raise ValidationError({"framework": [str(_("No such framework."))]})


def _record(actor: User, action: str, obj: Any, framework: Any, before: Any, after: Any) -> None:
    audit.record(
        actor=actor, action=action, obj=obj, framework=framework, changes=audit.diff(before, after)
    )


def _scoped(actor: User, framework: Framework, marking: str) -> dict[str, Any]:
    return {
        "framework": framework,
        "originator_side": actor.agency.side,
        "originator_agency": actor.agency,
        "marking": marking,
    }


# --- suspension ----------------------------------------------------------------------------


def record_suspension(
    *,
    actor: User,
    framework: Framework,
    field: SSWField,
    starts_on: dt.date,
    legal_basis: str,
    scope: str,
) -> Suspension:
    """Japan suspends acceptance in a field; the partner is notified by a communication and
    both public portals show the suspension."""
    legal_basis = clean_text("legal_basis", legal_basis, limit=2000)
    scope = clean_text("scope", scope, limit=2000)
    with transaction.atomic():
        _require_japan(actor, framework)
        notice = exchange.send_new(
            actor=actor,
            framework=framework,
            kind="suspension_notice",
            subject=str(
                _("Temporary suspension of acceptance: %(field)s") % {"field": field.name_en}
            ),
            payload={
                "field": field.code,
                "starts_on": starts_on.isoformat(),
                "legal_basis": legal_basis,
                "scope": scope,
            },
            marking=Marking.BOTH,
            managed=True,
        )
        suspension = Suspension.objects.create(
            **_scoped(actor, framework, Marking.PUBLIC),
            field=field,
            starts_on=starts_on,
            legal_basis=legal_basis,
            scope=scope,
            communication=notice,
            recorded_by=actor,
        )
        after = audit.snapshot(suspension, SUSPENSION_FIELDS)
        _record(actor, AuditAction.CREATE, suspension, framework, None, after)
        return suspension


def lift_suspension(*, actor: User, suspension: Suspension, lifted_on: dt.date) -> Suspension:
    with transaction.atomic():
        s: Suspension = Suspension.objects.select_for_update(no_key=True).get(pk=suspension.pk)
        _require_japan(actor, s.framework)
        if s.lifted_on is not None:
            raise SuspensionError("already_lifted", _("The suspension has already been lifted."))
        if lifted_on <= s.starts_on:
            raise ValidationError({"lifted_on": [str(_("It must come after the start."))]})
        before = audit.snapshot(s, SUSPENSION_FIELDS)
        s.lifted_on, s.version = lifted_on, s.version + 1
        s.save()
        _record(
            actor, AuditAction.UPDATE, s, s.framework, before, audit.snapshot(s, SUSPENSION_FIELDS)
        )
        return s


# --- affected persons and dependants -------------------------------------------------------


def _clean_dependant(data: Any) -> dict[str, Any]:
    relation = clean_choice("relation", data.get("relation"), Relation.values)
    name = clean_text("name", data.get("name"), limit=300, line=True)
    born = data.get("date_of_birth")
    if born is not None and born > timezone.localdate():
        raise ValidationError({"date_of_birth": [str(_("The date lies in the future."))]})
    return {"relation": relation, "name": name, "date_of_birth": born}


def _require_ssw_ii(person: AffectedPerson | None, status: str) -> None:
    if status != ResidenceStatus.SSW_II:
        raise ValidationError(
            {
                "dependants": [
                    str(_("A spouse and children are recorded only for SSW (ii) (clause 8)."))
                ]
            }
        )


def clean_person(data: dict[str, Any]) -> dict[str, Any]:
    """Every field of a new person cleaned; all problems at once, each under its field name
    (the bulk upload reports them by row and column)."""
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}

    def attempt(name: str, clean: Any) -> None:
        try:
            value = clean()
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                errors.setdefault(key, []).extend(messages)
        else:
            if name:
                cleaned[name] = value

    attempt("name", lambda: clean_text("name", data.get("name"), limit=300, line=True))
    attempt(
        "status_of_residence",
        lambda: clean_choice(
            "status_of_residence", data.get("status_of_residence"), ResidenceStatus.values
        ),
    )
    attempt("employer", lambda: clean_text("employer", data.get("employer"), limit=300))
    attempt(
        "residence_situation",
        lambda: clean_choice(
            "residence_situation",
            data.get("residence_situation") or ResidenceSituation.UNDER_REVIEW,
            ResidenceSituation.values,
        ),
    )
    attempt(
        "situation_note",
        lambda: clean_text(
            "situation_note", data.get("situation_note"), limit=TEXT_MAX, required=False
        ),
    )
    attempt("", lambda: cleaned.update(clean_identity(data)))
    attempt("dependants", lambda: [_clean_dependant(d) for d in data.get("dependants") or ()])
    if cleaned.get("dependants") and "status_of_residence" in cleaned:
        attempt("", lambda: _require_ssw_ii(None, cleaned["status_of_residence"]))
    if errors:
        raise ValidationError(errors)
    return cleaned


def add_person(
    *,
    actor: User,
    suspension: Suspension,
    name: str,
    status_of_residence: str,
    employer: str,
    residence_situation: str = ResidenceSituation.UNDER_REVIEW,
    situation_note: str = "",
    dependants: Sequence[Any] = (),
    **identity: Any,
) -> AffectedPerson:
    """An affected worker from the partner country; spouse and children only for SSW (ii).
    `identity`: nationality, passport_number, residence_card_number, date_of_birth, field
    (an SSWField or its code; the suspension's field when not given) and contact."""
    unknown = set(identity) - {"nationality", "passport_number", "residence_card_number",
                               "date_of_birth", "field", "contact"}  # fmt: skip
    if unknown:
        raise TypeError(f"unexpected arguments: {sorted(unknown)}")
    cleaned = clean_person(
        {
            "name": name,
            "status_of_residence": status_of_residence,
            "employer": employer,
            "residence_situation": residence_situation,
            "situation_note": situation_note,
            "dependants": dependants,
            **identity,
        }
    )
    return create_person(actor=actor, suspension=suspension, cleaned=cleaned)


def create_person(
    *, actor: User, suspension: Suspension, cleaned: dict[str, Any]
) -> AffectedPerson:
    """Save a person cleaned by `clean_person`, audited, with its dependants."""
    data = dict(cleaned)
    dependants = data.pop("dependants", [])
    with transaction.atomic():
        s = Suspension.objects.select_related("framework", "field").get(pk=suspension.pk)
        _require_japan(actor, s.framework)
        if data.get("field") is None:
            data["field"] = s.field
        person = AffectedPerson.objects.create(
            **_scoped(actor, s.framework, Marking.BOTH), suspension=s, **data
        )
        _record(
            actor,
            AuditAction.CREATE,
            person,
            s.framework,
            None,
            audit.snapshot(person, PERSON_FIELDS),
        )
        for dependant in dependants:
            _create_dependant(actor, person, dependant)
        return person


def _create_dependant(actor: User, person: AffectedPerson, data: dict[str, Any]) -> Dependant:
    if (
        data["relation"] == Relation.SPOUSE
        and person.dependants.filter(relation=Relation.SPOUSE).exists()
    ):
        raise ValidationError({"relation": [str(_("A spouse is already recorded."))]})
    dependant = Dependant.objects.create(person=person, **data)
    after = {"person_id": str(person.pk), "relation": data["relation"], "name": data["name"]}
    _record(actor, AuditAction.CREATE, dependant, person.framework, None, after)
    return dependant


def add_dependant(
    *,
    actor: User,
    person: AffectedPerson,
    relation: str,
    name: str,
    date_of_birth: dt.date | None = None,
) -> Dependant:
    """Record a spouse or child: refused unless the worker's status is SSW (ii)."""
    data = _clean_dependant({"relation": relation, "name": name, "date_of_birth": date_of_birth})
    with transaction.atomic():
        p: AffectedPerson = AffectedPerson.objects.select_for_update(no_key=True).get(pk=person.pk)
        _require_japan(actor, p.framework)
        _require_ssw_ii(p, p.status_of_residence)
        return _create_dependant(actor, p, data)


def update_person(
    *,
    actor: User,
    person: AffectedPerson,
    residence_situation: str,
    situation_note: str = "",
    status_of_residence: str | None = None,
) -> AffectedPerson:
    """Japan updates the residence situation (and, if it changed, the status of residence)."""
    residence_situation = clean_choice(
        "residence_situation", residence_situation, ResidenceSituation.values
    )
    situation_note = clean_text("situation_note", situation_note, limit=TEXT_MAX, required=False)
    with transaction.atomic():
        p: AffectedPerson = AffectedPerson.objects.select_for_update(no_key=True).get(pk=person.pk)
        _require_japan(actor, p.framework)
        before = audit.snapshot(p, PERSON_FIELDS)
        if status_of_residence is not None:
            status = clean_choice(
                "status_of_residence", status_of_residence, ResidenceStatus.values
            )
            if status != ResidenceStatus.SSW_II and p.dependants.exists():
                _require_ssw_ii(p, status)
            p.status_of_residence = status
        p.residence_situation, p.situation_note = residence_situation, situation_note
        p.version += 1
        p.save()
        _record(actor, AuditAction.UPDATE, p, p.framework, before, audit.snapshot(p, PERSON_FIELDS))
        return p


# --- return assistance ---------------------------------------------------------------------


def _request_body(person: AffectedPerson, dependants: Sequence[Dependant], assistance: str) -> str:
    lines = [
        str(_("Worker: %(name)s") % {"name": person.name}),
        str(
            _("Status of residence: %(status)s")
            % {"status": person.get_status_of_residence_display()}
        ),
        str(_("Employer: %(employer)s") % {"employer": person.employer}),
    ]
    if person.passport_number:
        lines.append(str(_("Passport: %(number)s") % {"number": person.passport_number}))
    if person.residence_card_number:
        lines.append(
            str(_("Residence card: %(number)s") % {"number": person.residence_card_number})
        )
    for d in dependants:
        lines.append(
            str(
                _("Returning with: %(name)s (%(relation)s)")
                % {"name": d.name, "relation": d.get_relation_display()}
            )
        )
    return "\n".join([*lines, "", assistance])


def request_return_assistance(
    *,
    actor: User,
    person: AffectedPerson,
    assistance: str,
    dependant_ids: Sequence[Any] = (),
) -> ReturnAssistanceRequest:
    """Japan asks the partner's help for a person who may not remain in Japan, e.g. a
    temporary passport through the partner's embassy; the request goes as a communication."""
    assistance = clean_text("assistance", assistance, limit=2000)
    with transaction.atomic():
        p: AffectedPerson = AffectedPerson.objects.select_for_update(no_key=True).get(pk=person.pk)
        _require_japan(actor, p.framework)
        if p.residence_situation != ResidenceSituation.MAY_NOT_REMAIN:
            raise SuspensionError(
                "may_remain",
                _("Return assistance is requested only for a person who may not remain in Japan."),
            )
        wanted = {str(pk) for pk in dependant_ids}
        dependants = [d for d in p.dependants.all() if str(d.pk) in wanted]
        if len(dependants) != len(wanted):
            raise ValidationError({"dependant_ids": [str(_("No such dependant of this worker."))]})
        letter = exchange.send_new(
            actor=actor,
            framework=p.framework,
            kind="return_assistance_request",
            subject=str(_("Request for assistance with a return")),
            body=_request_body(p, dependants, assistance),
            payload={"assistance": assistance},
            marking=Marking.BOTH,
            managed=True,
        )
        req = ReturnAssistanceRequest.objects.create(
            **_scoped(actor, p.framework, Marking.BOTH),
            person=p,
            assistance=assistance,
            communication=letter,
            requested_on=timezone.localdate(letter.sent_at),
        )
        req.dependants.set(dependants)
        after = {**audit.snapshot(req, REQUEST_FIELDS), "dependants": sorted(wanted)}
        _record(actor, AuditAction.CREATE, req, p.framework, None, after)
        return req


def advance_return_request(
    *, actor: User, request: ReturnAssistanceRequest, status: str, on: dt.date
) -> ReturnAssistanceRequest:
    """The partner records the next step (received, passport issued, departed, closed) with
    its date: steps follow in order, dates never go back and never lie in the future."""
    status = clean_choice("status", status, [step for step, _f in RETURN_STEPS])
    with transaction.atomic():
        r: ReturnAssistanceRequest = ReturnAssistanceRequest.objects.select_for_update(
            no_key=True
        ).get(pk=request.pk)
        if not may_report_progress(actor) or actor.agency.side_id != r.framework.partner_side_id:
            raise NotPermitted(
                "partner_reports", _("The partner's officers report the progress of a request.")
            )
        step = r.next_step()
        if step is None or step[0] != status:
            raise SuspensionError("not_next_step", _("That is not the next step of the request."))
        previous = max(
            d
            for d in (r.requested_on, r.received_on, r.passport_issued_on, r.departed_on)
            if d is not None
        )
        if on < previous or on > timezone.localdate():
            raise ValidationError(
                {"on": [str(_("The date must lie between the previous step and today."))]}
            )
        before = audit.snapshot(r, REQUEST_FIELDS)
        setattr(r, step[1], on)
        r.status, r.version = ReturnStatus(status), r.version + 1
        r.save()
        _record(
            actor, AuditAction.UPDATE, r, r.framework, before, audit.snapshot(r, REQUEST_FIELDS)
        )
        return r
