"""`sswbridge screen`: screen a CSV of names against the registers or a watch list.

    sswbridge screen --queries QUERIES.csv --out RESULTS.csv [--threshold 0.7] [--limit 5]
                     [--watchlist WATCHLIST.csv] [--user USERNAME] [--workers N]

QUERIES.csv and WATCHLIST.csv: header id,name,kind,country. RESULTS.csv: header
query_id,candidate_id,candidate_name,score, best first, at most --limit rows per query.
The whole input is checked before anything is screened, and the results file appears only
when complete. Without --watchlist the registers are searched (all of them, or with
--user only what that user may see).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from sswbridge.screening import batch, live
from sswbridge.screening.entries import Query
from sswbridge.screening.index import ScreeningIndex
from sswbridge.screening.selectors import screen
from sswbridge.screening.settings import DEFAULT_LIMIT, DEFAULT_THRESHOLD


def _threshold(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0.0 <= number <= 1.0:
        raise CommandError(
            _("The threshold must be a number from 0 to 1, not %(value)s.") % {"value": value}
        )
    return number


def _limit(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise CommandError(
            _("The limit must be a whole number of at least 1, not %(value)s.") % {"value": value}
        )
    return number


def _read(path: Path, reader: Any) -> list[Any]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return list(reader(handle))
    except FileNotFoundError:
        raise CommandError(_("No such file: %(path)s") % {"path": path}) from None
    except UnicodeDecodeError:
        raise CommandError(_("%(path)s is not UTF-8 text.") % {"path": path}) from None
    except batch.BatchError as exc:
        raise CommandError(f"{path}: {exc}") from None


class Command(BaseCommand):
    help = "Screen the names of a CSV file against the registers or a watch list."
    # A batch over files: the site's checks (URLs, templates, deployment) are `serve`'s.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--queries", required=True, type=Path, help="id,name,kind,country")
        parser.add_argument("--out", required=True, type=Path, help="the results CSV")
        parser.add_argument("--threshold", type=str, default=str(DEFAULT_THRESHOLD))
        parser.add_argument("--limit", type=str, default=str(DEFAULT_LIMIT))
        parser.add_argument("--watchlist", type=Path, help="screen against this file instead")
        parser.add_argument("--user", help="screen only what this user may see")
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            help="processes (watch list)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        threshold = _threshold(options["threshold"])
        limit = _limit(options["limit"])
        queries = _read(options["queries"], batch.read_queries)
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(_("No such user: %(name)s") % {"name": options["user"]})
        if options["watchlist"]:
            index = ScreeningIndex(
                _read(options["watchlist"], batch.read_watchlist),
                workers=max(1, options["workers"]),
            )
        else:
            index = live.get_index()

        def progress(done: int, seconds: float) -> None:
            rate = done / seconds if seconds else 0.0
            self.stderr.write(
                _("%(done)s of %(total)s queries screened (%(rate)s a second)")
                % {"done": done, "total": len(queries), "rate": f"{rate:,.0f}"}
            )

        if user is not None and not options["watchlist"]:
            rows = self._for_user(queries, user, threshold, limit)
        else:
            rows = batch.run(
                queries,
                index,
                threshold=threshold,
                limit=limit,
                progress=progress if len(queries) >= batch.PROGRESS_EVERY else None,
                workers=max(1, options["workers"]),
            )
        out: Path = options["out"]
        fd, temporary = tempfile.mkstemp(dir=out.parent or Path("."), suffix=".partial")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                count = batch.write_results(rows, handle)
            os.replace(temporary, out)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self.stdout.write(
            _("Screened %(queries)s queries; %(rows)s candidate rows written to %(out)s.")
            % {"queries": len(queries), "rows": count, "out": out}
        )

    def _for_user(
        self, queries: list[Query], user: Any, threshold: float, limit: int
    ) -> Iterator[batch.ResultRow]:
        for query in queries:
            for candidate in screen(
                query, user=user, threshold=threshold, limit=limit, explain=False
            ):
                yield batch.ResultRow(
                    query.id, candidate.entry.id, candidate.matched_name, candidate.score
                )
