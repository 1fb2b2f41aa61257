"""Reads of the sending-organization register and the investigations, always through the
shared visibility filter."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from sswbridge.exchange.models import Communication
from sswbridge.exchange.selectors import communications_for
from sswbridge.frameworks.models import Framework
from sswbridge.sending.models import (
    ExaminationCriterion,
    ExaminationResult,
    Investigation,
    SendingOrganization,
    SendingOrganizationName,
    StatusChange,
)


def sending_organizations_for(user: Any) -> QuerySet[SendingOrganization]:
    return (
        SendingOrganization.objects.visible_to(user)
        .select_related("framework__partner_side", "originator_side", "originator_agency")
        .prefetch_related("ssw_fields", "names")
    )


def search_sending_organizations(
    user: Any, *, q: str = "", status: str = "", framework: str = ""
) -> QuerySet[SendingOrganization]:
    """Organizations the user may see whose names or numbers hold `q`, filtered."""
    qs = sending_organizations_for(user)
    if status:
        qs = qs.filter(status=status)
    if framework:
        qs = qs.filter(framework__code=framework)
    text = " ".join(q.split())
    if text:
        qs = qs.filter(
            Q(name_en__icontains=text)
            | Q(
                pk__in=SendingOrganizationName.objects.filter(value__icontains=text).values(
                    "organization_id"
                )
            )
            | Q(registration_number__icontains=text)
            | Q(tax_number__icontains=text)
        )
    return qs


def examination_of(user: Any, org: SendingOrganization) -> list[dict[str, Any]] | None:
    """The checklist of the organization's framework with each criterion's result; only the
    organization's own side reads its examination (None for anyone else)."""
    if getattr(getattr(user, "agency", None), "side_id", None) != org.originator_side_id:
        return None
    results = {
        r.criterion_id: r
        for r in ExaminationResult.objects.filter(organization=org).select_related("examiner")
    }
    criteria = ExaminationCriterion.objects.filter(framework_id=org.framework_id)
    return [
        {"criterion": c, "result": results.get(c.pk)}
        for c in criteria
        if c.active or c.pk in results
    ]


def history_of(user: Any, org: SendingOrganization) -> list[StatusChange]:
    """The organization's status changes, oldest first; `notice` is set on each to the
    communication that carried it when the user may see it (None otherwise)."""
    changes = list(
        StatusChange.objects.filter(organization=org)
        .select_related("actor", "communication__first_opened_by", "communication__acknowledged_by")
        .prefetch_related("publications")
        .order_by("at", "id")
    )
    ids = [c.communication_id for c in changes if c.communication_id]
    visible = set(
        Communication.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True)
    )
    for change in changes:
        change.notice = change.communication if change.communication_id in visible else None  # type: ignore[attr-defined]
    return changes


def criteria_for(user: Any, framework: Framework) -> QuerySet[ExaminationCriterion]:
    if not Framework.objects.visible_to(user).filter(pk=framework.pk).exists():
        return ExaminationCriterion.objects.none()
    return ExaminationCriterion.objects.filter(framework=framework)


def investigations_for(user: Any) -> QuerySet[Investigation]:
    return Investigation.objects.visible_to(user).select_related(
        "framework", "organization", "notice", "report", "case", "opened_by"
    )


def notices_to_investigate(user: Any) -> QuerySet[Communication]:
    """Notices of improper activity the user's side received with no investigation yet."""
    agency = getattr(user, "agency", None)
    if agency is None:
        return Communication.objects.none()
    return (
        communications_for(user)
        .filter(kind="improper_activity_notice", recipient_side_id=agency.side_id)
        .filter(investigation__isnull=True)
    )
