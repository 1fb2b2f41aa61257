"""Answer periods: each framework sets, per kind, how many business days "promptly" means.

A kind's period is the framework's setting when there is one, else the kind's declared
default, else the framework's general answer period.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sswbridge.accounts.models import Role, User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.exchange.kinds import KINDS, CommunicationKind, all_kinds
from sswbridge.exchange.models import FrameworkKindSetting
from sswbridge.frameworks.models import ContactPoint, Framework

MAX_DAYS = 365
EDITOR_ROLES = (Role.CONTACT_POINT, Role.ADMINISTRATOR)


@dataclass(frozen=True)
class Period:
    kind: CommunicationKind
    business_days: int
    is_default: bool


def default_days(framework: Framework, kind: CommunicationKind) -> int:
    return kind.default_answer_days or framework.answer_period_business_days


def answer_days(framework: Framework, kind: CommunicationKind) -> int:
    setting = FrameworkKindSetting.objects.filter(framework=framework, kind=kind.key).first()
    return setting.answer_business_days if setting else default_days(framework, kind)


def periods_for(framework: Framework) -> list[Period]:
    """The answer period of every kind that needs an answer, in one query."""
    settings = {
        s.kind: s.answer_business_days
        for s in FrameworkKindSetting.objects.filter(framework=framework)
    }
    return [
        Period(
            kind=kind,
            business_days=settings.get(kind.key, default_days(framework, kind)),
            is_default=kind.key not in settings,
        )
        for kind in all_kinds()
        if kind.needs_answer
    ]


def may_edit(user: User, framework: Framework) -> bool:
    """Administrators, and officers of a contact point of this framework."""
    if user.role == Role.ADMINISTRATOR:
        return True
    return bool(
        user.role == Role.CONTACT_POINT
        and ContactPoint.objects.filter(framework=framework, agency_id=user.agency_id).exists()
    )


def set_answer_days(
    *, actor: User, framework: Framework, kind: str, business_days: int | None
) -> Period:
    """Set a kind's answer period for the framework; None returns it to the default."""
    spec = KINDS.get(kind)
    if spec is None or not spec.needs_answer:
        raise ValidationError({"kind": [_("This kind does not need an answer.")]})
    if business_days is not None and not 1 <= business_days <= MAX_DAYS:
        raise ValidationError(
            {"business_days": [_("Give a number of business days from 1 to 365.")]}
        )
    if not may_edit(actor, framework):
        raise PermissionDenied(_("Only a contact point or an administrator may change this."))
    with transaction.atomic():
        existing = (
            FrameworkKindSetting.objects.select_for_update()
            .filter(framework=framework, kind=kind)
            .first()
        )
        before = {"answer_business_days": existing.answer_business_days} if existing else None
        if business_days is None:
            if existing is not None:
                existing.delete()
        else:
            FrameworkKindSetting.objects.update_or_create(
                framework=framework,
                kind=kind,
                defaults={"answer_business_days": business_days, "updated_by": actor},
            )
        after = {"answer_business_days": business_days} if business_days is not None else None
        if before != after:
            audit.record(
                actor=actor,
                action=AuditAction.UPDATE,
                object_type="exchange.frameworkkindsetting",
                object_id=f"{framework.code}:{kind}",
                framework=framework,
                changes=audit.diff(before, after),
            )
    return Period(
        kind=spec,
        business_days=answer_days(framework, spec),
        is_default=business_days is None,
    )
