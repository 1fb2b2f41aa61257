"""The guard applied to bulk files that mix records of both sides.

A screening batch's RESULTS.csv names candidates from every register the user may see; rows
whose candidate is the other side's record (and not public) are held back, and the response
says how many in the `X-Withheld-Rows` header.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from typing import Any

from django.http import HttpResponse

from sswbridge.core import csvfile
from sswbridge.core.exportguard import exportable

WITHHELD_HEADER = "X-Withheld-Rows"


def exportable_keys(user: Any, keys: set[str]) -> set[str]:
    """The `source:pk` keys of screening candidates that may leave without consent."""
    from sswbridge.screening import sources

    by_source: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        name, _sep, pk = key.partition(":")
        by_source[name].add(pk)
    allowed: set[str] = set()
    for name, pks in by_source.items():
        source = sources.get(name)
        model = source.model_class() if source else None
        if model is None:
            continue
        rows = exportable(model._default_manager.filter(pk__in=list(pks)), user)
        allowed |= {f"{name}:{pk}" for pk in rows.values_list("pk", flat=True)}
    return allowed


def screening_results(user: Any, text: str) -> tuple[str, int]:
    """The results CSV without the rows about the other side's records; and how many."""
    reader = csv.reader(io.StringIO(text))
    rows = list(reader)
    if not rows:
        return text, 0
    header, body = rows[0], rows[1:]
    column = header.index("candidate_id") if "candidate_id" in header else 1
    keys = {row[column] for row in body if len(row) > column}
    allowed = exportable_keys(user, keys)
    kept = [row for row in body if len(row) > column and row[column] in allowed]
    out = io.StringIO()
    writer = csvfile.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(kept)
    return out.getvalue(), len(body) - len(kept)


def screening_results_response(user: Any, text: str, filename: str) -> HttpResponse:
    shown, withheld = screening_results(user, text)
    response = HttpResponse(shown, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response[WITHHELD_HEADER] = str(withheld)
    return response
