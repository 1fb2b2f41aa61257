"""The intermediaries a communication names, as the exchange asks for them (exchange/hooks.py):
registered from `IntermediariesConfig.ready()`, so that the exchange never imports the register."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from sswbridge.exchange.hooks import Mentions
from sswbridge.exchange.models import Communication
from sswbridge.intermediaries import forms, selectors
from sswbridge.intermediaries.models import Intermediary, IntermediaryMention
from sswbridge.intermediaries.services import intermediaries as services

VISIBLE_MENTIONS = "visible_intermediary_mentions"


def with_intermediaries(qs: QuerySet[Communication], user: Any) -> QuerySet[Communication]:
    """Prefetch, into `VISIBLE_MENTIONS`, the mentions of intermediaries the user may see
    (with their names): a constant number of queries for a whole page."""
    mentions = (
        IntermediaryMention.objects.filter(intermediary__in=Intermediary.objects.visible_to(user))
        .select_related("intermediary")
        .prefetch_related("intermediary__names")
        .order_by("created_at", "pk")
    )
    return qs.prefetch_related(
        Prefetch("intermediary_mentions", queryset=mentions, to_attr=VISIBLE_MENTIONS)
    )


def for_api(reader: Any, c: Communication) -> list[Any]:
    """The intermediaries `c` names that the reader may see, with their names: from
    `with_intermediaries`'s prefetch for a list, else read here."""
    prefetched = getattr(c, VISIBLE_MENTIONS, None)
    if prefetched is not None:
        return [m.intermediary for m in prefetched]
    return list(selectors.intermediaries_in(reader, c).prefetch_related("names"))


def matching(user: Any, text: str) -> QuerySet[Any]:
    """`communication_id` of the communications naming an intermediary the user may see whose
    name holds `text`."""
    named = Intermediary.objects.visible_to(user).filter(names__value__icontains=text)
    return IntermediaryMention.objects.filter(intermediary__in=named).values("communication_id")


MENTIONS = Mentions(
    visible=selectors.intermediaries_in,
    for_api=for_api,
    prefetch=with_intermediaries,
    matching=matching,
    record=services.mention_in_communication,
    carry=services.carry_mentions,
    form=forms.mention_form,
    form_template="intermediaries/_mention_fields.html",
)
