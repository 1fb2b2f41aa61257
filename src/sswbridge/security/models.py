"""The rate limits' counters (`ratelimit.py`): one row per limited key (a token's hash, an
address, an account name), holding the count of its current window. Shared by every process
and host on the database; not business data, so neither audited nor exported."""

from __future__ import annotations

from django.db import connection, models
from django.utils.translation import gettext_lazy as _

STALE_SECONDS = 3600
"""Counters whose window ended this long ago are deleted when a new window starts."""


class RateCounter(models.Model):
    key = models.CharField(_("key"), primary_key=True, max_length=100)
    window_end = models.BigIntegerField(_("window ends (epoch seconds)"), db_index=True)
    count = models.PositiveIntegerField(_("requests in the window"), default=0)

    class Meta:
        db_table = "security_ratecounter"  # named in `UPSERT`
        verbose_name = _("rate counter")
        verbose_name_plural = _("rate counters")

    def __str__(self) -> str:
        return f"{self.key}: {self.count} until {self.window_end}"


UPSERT = (
    'INSERT INTO "security_ratecounter" ("key", "window_end", "count") VALUES (%s, %s, 1) '
    'ON CONFLICT ("key") DO UPDATE SET "count" = CASE '
    'WHEN "security_ratecounter"."window_end" = excluded."window_end" '
    'THEN "security_ratecounter"."count" + 1 ELSE 1 END, "window_end" = excluded."window_end" '
    'RETURNING "count"'
)
"""Standard SQL identifiers in double quotes, as PostgreSQL and SQLite both read them."""


def count_request(key: str, window_end: int, now: float) -> int:
    """Count one request of `key` in the window ending at `window_end` and return the count
    so far: one atomic upsert (a new window starts again at 1), so concurrent requests of
    several processes never lose a count. PostgreSQL and SQLite (3.35+) both run it."""
    with connection.cursor() as cursor:
        cursor.execute(UPSERT, [key, window_end])
        row = cursor.fetchone()
    count = int(row[0]) if row else 1
    if count == 1:  # a new window: forget keys that have been quiet for an hour
        RateCounter.objects.filter(window_end__lt=int(now) - STALE_SECONDS).delete()
    return count
