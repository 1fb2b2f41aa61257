"""Every write to the sending-organization register (clauses 7.1, 7.2, 7.4).

Registrars of the framework's partner side keep it: they take applications, examine them
against the framework's checklist, decide, and suspend, revoke or mark the approval expired.
Each approval, suspension, revocation and expiry is sent to Japan as a notice in the same
transaction, and published on the partner's portal at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sswbridge.accounts.models import Role, User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.core.cleaning import clean_choice, clean_text
from sswbridge.core.models import Marking
from sswbridge.frameworks.models import Framework, SSWField
from sswbridge.publication import services as publishing
from sswbridge.sending import federation as register_notices
from sswbridge.sending.models import (
    Decision,
    ExaminationCriterion,
    ExaminationResult,
    SendingOrganization,
    StatusChange,
)
from sswbridge.sending.models import SendingOrganizationStatus as S
from sswbridge.sending.services import NotPermitted, notices
from sswbridge.sending.services.names import LEGACY, clean_names, names_of, set_names

TEXT_MAX = 10_000
APPLICATION_TEXT = {
    "name_en": (300, True),
    "registration_number": (64, True),
    "tax_number": (64, False),
    "address": (500, False),
    "phone": (64, False),
    "permit_number": (64, False),
}
APPLICATION_FIELDS = (
    *APPLICATION_TEXT,
    "legal_form",
    "representatives",
    "email",
    "website",
    "permit_valid_from",
    "permit_valid_until",
)
AUDITED = ("framework_id", "status", "marking", "decision", "decision_reasons", "decided_by_id")
# Where a status may go by `change_status` (a decision moves an application).
MOVES: dict[str, tuple[str, ...]] = {
    S.APPROVED: (S.SUSPENDED, S.REVOKED, S.EXPIRED),
    S.SUSPENDED: (S.APPROVED, S.REVOKED, S.EXPIRED),
}
REASON_NEEDED = (S.SUSPENDED, S.REVOKED)


def _is_partner_registrar(user: User, framework: Framework) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.role == Role.REGISTRAR
        and user.agency.side_id == framework.partner_side_id
    )


def may_register(user: User, framework: Framework) -> bool:
    """A registrar of the framework's partner side keeps its sending organizations."""
    return _is_partner_registrar(user, framework)


def may_keep_criteria(user: User, framework: Framework) -> bool:
    """Registrars and administrators of the partner side keep its approving standards."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.role in (Role.REGISTRAR, Role.ADMINISTRATOR)
        and user.agency.side_id == framework.partner_side_id
    )


def allowed_moves(organization: SendingOrganization) -> tuple[str, ...]:
    return MOVES.get(organization.status, ())


def _require_registrar(actor: User, framework: Framework) -> None:
    if not may_register(actor, framework):
        raise NotPermitted(
            "not_partner_registrar",
            _("Only a registrar of the partner side keeps its sending organizations."),
        )


def _snapshot(org: SendingOrganization) -> dict[str, Any]:
    values = audit.snapshot(org, (*AUDITED, *APPLICATION_FIELDS))
    values["names"] = [f"{n['language']}/{n['script']}: {n['value']}" for n in names_of(org)]
    values["ssw_fields"] = sorted(org.ssw_fields.values_list("code", flat=True))
    return values


def _date(value: Any, field: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise ValidationError({field: [str(_("Give a date."))]})
    date: dt.date = value
    return date


def _clean_application(values: dict[str, Any], framework: Framework) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for name, (limit, required) in APPLICATION_TEXT.items():
        cleaned[name] = clean_text(
            name, values.get(name), limit=limit, required=required, line=True
        )
    cleaned["representatives"] = clean_text(
        "representatives", values.get("representatives"), limit=2000, required=False
    )
    legal_form = values.get("legal_form") or ""
    codes = [code for code, _label in framework.legal_form_choices()]
    cleaned["legal_form"] = clean_choice("legal_form", legal_form, ["", *codes])
    for name, validator in (("email", EmailValidator()), ("website", URLValidator())):
        value = clean_text(name, values.get(name), limit=200, required=False, line=True)
        if value:
            try:
                validator(value)
            except ValidationError as exc:
                raise ValidationError({name: exc.messages}) from None
        cleaned[name] = value
    start = _date(values.get("permit_valid_from"), "permit_valid_from")
    end = _date(values.get("permit_valid_until"), "permit_valid_until")
    if start and end and end < start:
        raise ValidationError(
            {"permit_valid_until": [str(_("The permit cannot end before it starts."))]}
        )
    cleaned["permit_valid_from"], cleaned["permit_valid_until"] = start, end
    return cleaned


def _fields(codes: Iterable[Any]) -> list[SSWField]:
    wanted = {str(getattr(c, "code", c)) for c in codes}
    found = list(SSWField.objects.filter(code__in=wanted))
    unknown = wanted - {f.code for f in found}
    if unknown:
        shown = ", ".join(sorted(unknown)).replace("\x00", "")
        raise ValidationError(
            {"ssw_fields": [str(_("Not a valid choice: %(values)s") % {"values": shown})]}
        )
    return found


def _history(
    actor: User,
    org: SendingOrganization,
    to_status: str,
    *,
    from_status: str,
    reason: str = "",
    effective_date: dt.date | None = None,
) -> StatusChange:
    return StatusChange.objects.create(
        organization=org,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        effective_date=effective_date or timezone.localdate(),
        actor=actor,
    )


def _split_names(values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The application's fields, and its deprecated per-language names."""
    unknown = set(values) - set(APPLICATION_FIELDS) - set(LEGACY)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    legacy = {k: values.pop(k) for k in LEGACY if k in values}
    return values, legacy


def apply(
    *,
    actor: User,
    framework: Framework,
    ssw_fields: Iterable[Any] = (),
    names: Iterable[Any] | None = None,
    **values: Any,
) -> SendingOrganization:
    """Record an application (7.1); it stays within the partner side until approved.
    `names`: its names in other languages and scripts, [{value, script, language}]."""
    values, legacy = _split_names(values)
    cleaned = _clean_application(values, framework)
    cleaned_names = clean_names(names if names is not None else [], legacy, [])
    with transaction.atomic():
        _require_registrar(actor, framework)
        fields = _fields(ssw_fields)
        org = SendingOrganization.objects.create(
            framework=framework,
            originator_side=actor.agency.side,
            originator_agency=actor.agency,
            marking=Marking.SIDE,
            status=S.APPLIED,
            **cleaned,
        )
        set_names(org, cleaned_names)
        org.ssw_fields.set(fields)
        _history(actor, org, S.APPLIED, from_status="")
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=org,
            changes=audit.diff(None, _snapshot(org)),
        )
        _screen(actor, org)
        return org


def _screen(actor: User, org: SendingOrganization) -> None:
    """Screen the organization and its representatives (issue 5): hits wait for a decision
    on its page."""
    from sswbridge.screening import services as screening

    screening.screen_sending_organization(actor=actor, organization=org)


def _locked(org: SendingOrganization) -> SendingOrganization:
    locked: SendingOrganization = (
        SendingOrganization.objects.select_for_update(no_key=True)
        .select_related("framework")
        .get(pk=org.pk)
    )
    return locked


def update_application(
    *,
    actor: User,
    organization: SendingOrganization,
    ssw_fields: Iterable[Any] | None = None,
    names: Iterable[Any] | None = None,
    **values: Any,
) -> SendingOrganization:
    """Correct the details of an organization (names, numbers, contacts, permit, fields)."""
    values, legacy = _split_names(values)
    with transaction.atomic():
        org = _locked(organization)
        _require_registrar(actor, org.framework)
        before = _snapshot(org)
        current = {name: getattr(org, name) for name in APPLICATION_FIELDS}
        cleaned = _clean_application({**current, **values}, org.framework)
        cleaned_names = clean_names(names, legacy, names_of(org))
        for name, value in cleaned.items():
            setattr(org, name, value)
        org.version += 1
        org.save()
        set_names(org, cleaned_names)
        if ssw_fields is not None:
            org.ssw_fields.set(_fields(ssw_fields))
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=org,
            changes=audit.diff(before, _snapshot(org)),
        )
        register_notices.correction(actor=actor, organization=org)
        _screen(actor, org)
        return org


def examine(
    *,
    actor: User,
    organization: SendingOrganization,
    criterion: ExaminationCriterion,
    met: bool,
    evidence: str = "",
) -> ExaminationResult:
    """Mark one criterion of the checklist met or not, with the evidence (7.1)."""
    evidence = clean_text("evidence", evidence, limit=TEXT_MAX, required=False)
    with transaction.atomic():
        org = _locked(organization)
        _require_registrar(actor, org.framework)
        if org.status != S.APPLIED:
            raise ValidationError(
                {"__all__": [str(_("Only an application under examination can be examined."))]}
            )
        if criterion.framework_id != org.framework_id or not criterion.active:
            raise ValidationError({"criterion": [str(_("No such criterion in this framework."))]})
        result = ExaminationResult.objects.filter(organization=org, criterion=criterion).first()
        fields = ("organization_id", "criterion_id", "met", "evidence", "examiner_id")
        before = audit.snapshot(result, fields) if result else None
        if result is None:
            result = ExaminationResult(organization=org, criterion=criterion)
        result.met, result.evidence = bool(met), evidence
        result.examiner, result.examined_at = actor, timezone.now()
        result.save()
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE if before else AuditAction.CREATE,
            obj=result,
            framework=org.framework,
            changes=audit.diff(before, audit.snapshot(result, fields)),
        )
        return result


def unmet_criteria(org: SendingOrganization) -> list[ExaminationCriterion]:
    """Active criteria of the framework not (yet) examined as met for the organization."""
    met = ExaminationResult.objects.filter(organization=org, met=True).values("criterion_id")
    return list(
        ExaminationCriterion.objects.filter(framework_id=org.framework_id, active=True).exclude(
            pk__in=met
        )
    )


def decide(
    *, actor: User, organization: SendingOrganization, decision: str, reasons: str = ""
) -> SendingOrganization:
    """Approve or refuse an application. An approval needs every criterion met; it is
    published on the partner's portal and notified to Japan (7.1, 7.2)."""
    decision = clean_choice("decision", decision, Decision.values)
    reasons = clean_text("reasons", reasons, limit=TEXT_MAX, required=decision == Decision.REFUSE)
    with transaction.atomic():
        org = _locked(organization)
        _require_registrar(actor, org.framework)
        if org.status != S.APPLIED:
            raise ValidationError({"__all__": [str(_("This application has been decided."))]})
        if decision == Decision.APPROVE and unmet_criteria(org):
            raise ValidationError(
                {"decision": [str(_("Every criterion of the checklist must be met to approve."))]}
            )
        permit_end = org.permit_valid_until
        if decision == Decision.APPROVE and permit_end and permit_end < timezone.localdate():
            raise ValidationError(
                {"decision": [str(_("The permit for employment abroad has expired."))]}
            )
        before = _snapshot(org)
        to_status = S.APPROVED if decision == Decision.APPROVE else S.REFUSED
        org.status, org.decision, org.decision_reasons = to_status, decision, reasons
        org.decided_at, org.decided_by = timezone.now(), actor
        if to_status == S.APPROVED:
            org.marking = Marking.PUBLIC
        org.version += 1
        org.save()
        change = _history(actor, org, to_status, from_status=S.APPLIED, reason=reasons)
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=org,
            changes=audit.diff(before, _snapshot(org)),
        )
        if to_status == S.APPROVED:
            publishing.publish_own(
                actor=actor, framework=org.framework, item=publishing.status_change_item(change)
            )
            notices.send_status_notice(actor=actor, change=change)
        return org


def change_status(
    *,
    actor: User,
    organization: SendingOrganization,
    status: str,
    reason: str = "",
    effective_date: dt.date | None = None,
) -> StatusChange:
    """Suspend, revoke, mark expired, or reinstate an approval (7.4); Japan is notified and
    the partner's portal shows the change with its date and reason."""
    reason = clean_text("reason", reason, limit=TEXT_MAX, required=status in REASON_NEEDED)
    when = _date(effective_date, "effective_date") or timezone.localdate()
    with transaction.atomic():
        org = _locked(organization)
        _require_registrar(actor, org.framework)
        if status not in allowed_moves(org):
            raise ValidationError(
                {"status": [str(_("The organization cannot move to this status now."))]}
            )
        before = _snapshot(org)
        from_status, org.status = org.status, status
        org.version += 1
        org.save()
        change = _history(
            actor,
            org,
            status,
            from_status=from_status,
            reason=reason,
            effective_date=when,
        )
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=org,
            changes=audit.diff(before, _snapshot(org)),
        )
        publishing.publish_own(
            actor=actor, framework=org.framework, item=publishing.status_change_item(change)
        )
        notices.send_status_notice(actor=actor, change=change)
        return change


def save_criterion(
    *,
    actor: User,
    framework: Framework,
    criterion: ExaminationCriterion | None = None,
    code: str,
    text: str,
    guidance: str = "",
    sort_order: int = 0,
    active: bool = True,
) -> ExaminationCriterion:
    """Add or change one approving standard of the framework's checklist."""
    if not may_keep_criteria(actor, framework):
        raise NotPermitted(
            "may_not_keep_criteria",
            _("Only registrars and administrators of the partner side keep the checklist."),
        )
    code = clean_text("code", code, limit=64, line=True)
    text = clean_text("text", text, limit=500, line=True)
    guidance = clean_text("guidance", guidance, limit=TEXT_MAX, required=False)
    fields = ("framework_id", "code", "text", "guidance", "sort_order", "active")
    with transaction.atomic():
        clash = ExaminationCriterion.objects.filter(framework=framework, code=code)
        if criterion is not None:
            clash = clash.exclude(pk=criterion.pk)
        if clash.exists():
            raise ValidationError({"code": [str(_("This code is already in use."))]})
        before = audit.snapshot(criterion, fields) if criterion else None
        item = criterion or ExaminationCriterion(framework=framework)
        item.code, item.text, item.guidance = code, text, guidance
        item.sort_order, item.active = int(sort_order), bool(active)
        item.save()
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE if before else AuditAction.CREATE,
            obj=item,
            framework=framework,
            changes=audit.diff(before, audit.snapshot(item, fields)),
        )
        return item
