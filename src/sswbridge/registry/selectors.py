"""Reads of the registers, always through the shared visibility filter."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from sswbridge.exchange.models import Communication
from sswbridge.exchange.selectors import communications_for
from sswbridge.frameworks.models import Framework
from sswbridge.registry.identifiers import normalize_query
from sswbridge.registry.models import (
    ExaminationCriterion,
    ExaminationResult,
    Intermediary,
    IntermediaryIdentifier,
    IntermediaryLink,
    IntermediaryMention,
    IntermediaryMerge,
    IntermediaryName,
    IntermediaryStatus,
    Investigation,
    SendingOrganization,
    StatusChange,
)


def _names() -> Prefetch[Any]:
    return Prefetch("names", queryset=IntermediaryName.objects.order_by("created_at"))


def intermediaries_for(user: Any) -> QuerySet[Intermediary]:
    return (
        Intermediary.objects.visible_to(user)
        .select_related("framework__partner_side", "originator_side", "originator_agency")
        .prefetch_related(_names())
    )


def search_intermediaries(
    user: Any, *, q: str = "", kind: str = "", country: str = "", framework: str = ""
) -> QuerySet[Intermediary]:
    """Intermediaries the user may see whose name or identifier holds `q`, filtered; records
    merged into another are left out."""
    qs = intermediaries_for(user).filter(status=IntermediaryStatus.ACTIVE)
    if kind:
        qs = qs.filter(kind=kind)
    if country:
        qs = qs.filter(country=country.strip().upper())
    if framework:
        qs = qs.filter(framework__code=framework)
    text = " ".join(q.split())
    if text:
        names = IntermediaryName.objects.filter(intermediary=OuterRef("pk"), value__icontains=text)
        matches = Q(value__icontains=text)
        for form in normalize_query(text):
            matches |= Q(normalized__contains=form)
        identifiers = IntermediaryIdentifier.objects.filter(
            Q(intermediary=OuterRef("pk")) & Q(matches)
        )
        qs = qs.filter(Exists(names) | Exists(identifiers))
    return qs


def identifiers_of(item: Intermediary) -> QuerySet[IntermediaryIdentifier]:
    return item.identifiers.all()


def linked_people(user: Any, item: Intermediary) -> QuerySet[IntermediaryLink]:
    """People linked to this intermediary (its directors, ...), those the user may see."""
    return (
        IntermediaryLink.objects.filter(
            from_intermediary=item, to_intermediary__in=Intermediary.objects.visible_to(user)
        )
        .select_related("from_intermediary", "to_intermediary")
        .prefetch_related("from_intermediary__names", "to_intermediary__names")
    )


def linked_to(user: Any, item: Intermediary) -> QuerySet[IntermediaryLink]:
    """Intermediaries this one (a person) is linked to, those the user may see."""
    return (
        IntermediaryLink.objects.filter(
            to_intermediary=item, from_intermediary__in=Intermediary.objects.visible_to(user)
        )
        .select_related("from_intermediary", "to_intermediary")
        .prefetch_related("from_intermediary__names", "to_intermediary__names")
    )


def merged_ids(item: Intermediary) -> list[Any]:
    """The intermediary and every record merged into it (and into those, and so on)."""
    found = [item.pk]
    wave = [item.pk]
    while wave:
        wave = [
            pk
            for pk in Intermediary.objects.filter(merged_into__in=wave).values_list("pk", flat=True)
            if pk not in found
        ]
        found += wave
    return found


def merges_of(user: Any, item: Intermediary) -> QuerySet[IntermediaryMerge]:
    """Merges into or out of the intermediary, newest first (it is visible to the user;
    the other record of each merge is shown only when the user may see it too)."""
    visible = Intermediary.objects.visible_to(user)
    return (
        IntermediaryMerge.objects.filter(Q(target=item) | Q(source=item))
        .filter(target__in=visible, source__in=visible)
        .select_related("merged_by", "undone_by", "target", "source")
        .prefetch_related("target__names", "source__names")
    )


def merges_for(user: Any) -> QuerySet[IntermediaryMerge]:
    """Every merge whose two records the user may see."""
    visible = Intermediary.objects.visible_to(user)
    return (
        IntermediaryMerge.objects.filter(target__in=visible, source__in=visible)
        .select_related("merged_by", "undone_by", "target", "source", "framework")
        .prefetch_related("target__names", "source__names")
    )


def communications_mentioning(user: Any, item: Intermediary) -> QuerySet[Communication]:
    """Every communication that names the intermediary, or a record merged into it, and that
    the user may see."""
    named = IntermediaryMention.objects.filter(intermediary__in=merged_ids(item))
    return communications_for(user).filter(pk__in=named.values("communication_id"))


def intermediaries_in(user: Any, communication: Communication) -> QuerySet[Intermediary]:
    """The intermediaries a communication names, those the user may see."""
    return intermediaries_for(user).filter(mentions__communication=communication)


def cases_installed() -> bool:
    return apps.is_installed("sswbridge.cases")


def cases_of(user: Any, item: Intermediary) -> QuerySet[Any] | None:
    """Cases about the intermediary or holding a communication that names it; None when
    the cases app is not installed."""
    if not cases_installed():
        return None
    case_model: Any = apps.get_model("cases", "Case")
    ids = merged_ids(item)
    mentioned = Communication.objects.filter(intermediary_mentions__intermediary__in=ids)
    about = Q(intermediary__in=ids) | Q(links__communication__in=mentioned)
    qs: QuerySet[Any] = case_model.objects.visible_to(user).filter(about).distinct()
    return qs.select_related("framework").order_by("-created_at")


def sending_organizations_for(user: Any) -> QuerySet[SendingOrganization]:
    return (
        SendingOrganization.objects.visible_to(user)
        .select_related("framework__partner_side", "originator_side", "originator_agency")
        .prefetch_related("ssw_fields")
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
            | Q(name_ru__icontains=text)
            | Q(name_ky__icontains=text)
            | Q(registration_number__icontains=text)
            | Q(tax_number__icontains=text)
        )
    return qs


# --- sending organizations, improvement orders, publications, investigations ----------------


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
