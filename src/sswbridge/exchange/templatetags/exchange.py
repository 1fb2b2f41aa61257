from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from sswbridge.exchange import richtext, selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_count(context: dict[str, Any]) -> int:
    """How many communications in the user's inbox nobody of their side has opened yet."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return selectors.unread_count(user)


@register.simple_tag(takes_context=True)
def notification_count(context: dict[str, Any]) -> int:
    """How many of the user's notifications are unread (the bell in the navigation)."""
    from sswbridge.exchange import notify

    request = context.get("request")
    return notify.unread_count(getattr(request, "user", None))


@register.filter
def subject_for(communication: Any, user: Any) -> str:
    """The subject as `user` may see it ("Retracted on ... by ..." for the other side)."""
    from sswbridge.exchange import redaction

    return redaction.subject_for(user, communication)


@register.filter
def rich_text(value: str) -> SafeString:
    """A communication's body as HTML: only the allowed tags survive (see `richtext`)."""
    return richtext.to_html(value)
