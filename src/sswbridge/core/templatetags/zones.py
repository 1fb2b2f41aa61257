"""`{{ value|zoned }}`: a time in the reader's zone with the zone's abbreviation;
`{{ value|zoned_seconds }}` to the second."""

from __future__ import annotations

import datetime as dt

from django import template

from sswbridge.core import zones

register = template.Library()


@register.filter
def zoned(value: dt.datetime | None) -> str:
    return zones.zoned(value)


@register.filter
def zoned_seconds(value: dt.datetime | None) -> str:
    return zones.zoned(value, seconds=True)
