"""Reads of the intermediaries register, always through the shared visibility filter."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from sswbridge.exchange.models import Communication
from sswbridge.exchange.selectors import communications_for
from sswbridge.intermediaries.identifiers import normalize_query
from sswbridge.intermediaries.models import (
    Intermediary,
    IntermediaryIdentifier,
    IntermediaryLink,
    IntermediaryMention,
    IntermediaryMerge,
    IntermediaryName,
    IntermediaryStatus,
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
