"""The screening panel of a record's page: hits waiting for a decision, and linked records."""

from __future__ import annotations

from typing import Any

from django import template

from sswbridge.screening import links, selectors, services
from sswbridge.screening.explain import Explanation

register = template.Library()


@register.filter
def record_url(hit: Any, side: str) -> str:
    """The page of the hit's subject or candidate."""
    if side == "subject":
        return links.record_url(hit.subject_source, hit.subject_id, hit.subject_name)
    return links.record_url(hit.candidate_source, hit.candidate_id, hit.candidate_name)


@register.filter
def explanation_sentences(data: Any) -> list[str]:
    """A stored explanation in the user's language."""
    return Explanation.from_dict(data).sentences() if data else []


@register.filter
def source_label(source: str) -> str:
    return links.source_label(source)


@register.filter
def flag_labels(flags: Any) -> list[str]:
    return links.flag_labels(list(flags or []))


@register.filter
def other_side(hit: Any, key: str) -> dict[str, str]:
    """The record a link connects this one to (key: "source:id" of this record)."""
    if hit.subject_key == key:
        return {
            "source": hit.candidate_source,
            "name": hit.candidate_name,
            "url": links.record_url(hit.candidate_source, hit.candidate_id, hit.candidate_name),
        }
    return {
        "source": hit.subject_source,
        "name": hit.subject_name,
        "url": links.record_url(hit.subject_source, hit.subject_id, hit.subject_name),
    }


def _panel(context: dict[str, Any], hits: list[Any], linked: list[Any], key: str) -> dict[str, Any]:
    request = context["request"]
    return {
        "hits": hits,
        "linked": linked,
        "key": key,
        "may_decide": services.may_decide(request.user),
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("screening/_panel.html", takes_context=True)
def screening_panel(context: dict[str, Any], source: str, record: Any) -> dict[str, Any]:
    """On a record's page: its open hits with the decision buttons, and its linked records."""
    user = context["request"].user
    return _panel(
        context,
        selectors.open_hits_of(user, source, record.pk),
        selectors.links_of(user, source, record.pk),
        f"{source}:{record.pk}",
    )


@register.inclusion_tag("screening/_panel.html", takes_context=True)
def communication_screening_panel(context: dict[str, Any], communication: Any) -> dict[str, Any]:
    """On a share's page: the hits on the intermediaries it named."""
    user = context["request"].user
    return _panel(context, selectors.hits_of_communication(user, communication), [], "")
