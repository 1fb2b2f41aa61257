from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sswbridge.exchange import richtext, selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_badge(context: dict[str, Any]) -> dict[str, Any]:
    """The inbox badge: how many communications nobody of the user's side has opened yet,
    as shown ("99+" beyond `selectors.UNREAD_BADGE_CAP`) and as read out."""
    request = context.get("request")
    count = selectors.unread_count(getattr(request, "user", None))
    cap = selectors.UNREAD_BADGE_CAP
    if count > cap:
        return {
            "count": count,
            "text": f"{cap}+",
            "label": _("More than %(cap)d unread") % {"cap": cap},
        }
    label = ngettext("%(count)d unread", "%(count)d unread", count) % {"count": count}
    return {"count": count, "text": str(count), "label": label}


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
