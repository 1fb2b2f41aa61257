"""Background job: screen an uploaded batch of names (the page's and the API's upload).

Against the registers, each name is screened as the batch's owner, so that only records
the owner may see are returned; against an uploaded watch list, with a plain index of it.
Progress is written every few names for the page, which refreshes itself.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from sswbridge.core import jobs
from sswbridge.screening import batch, services
from sswbridge.screening.entries import Query
from sswbridge.screening.index import ScreeningIndex
from sswbridge.screening.models import ScreeningBatch
from sswbridge.screening.selectors import screen

PROGRESS_EVERY = 50


def _against_registers(record: ScreeningBatch, queries: list[Query]) -> Iterator[batch.ResultRow]:
    for done, query in enumerate(queries, start=1):
        for c in screen(
            query, user=record.owner, threshold=record.threshold, limit=record.limit, explain=False
        ):
            yield batch.ResultRow(query.id, c.entry.id, c.matched_name, c.score)
        if done % PROGRESS_EVERY == 0:
            services.record_batch_progress(batch_record=record, done=done)


def results_of(record: ScreeningBatch) -> tuple[str, int]:
    """The results CSV of a batch and its number of rows."""
    queries = list(batch.read_queries(io.StringIO(record.queries_csv)))
    if record.watchlist_csv:
        index = ScreeningIndex()
        for entry in batch.read_watchlist(io.StringIO(record.watchlist_csv)):
            index.add(entry)
        rows = batch.run(
            queries,
            index,
            threshold=record.threshold,
            limit=record.limit,
            every=PROGRESS_EVERY,
            progress=lambda done, _s: services.record_batch_progress(
                batch_record=record, done=done
            ),
        )
    else:
        rows = _against_registers(record, queries)
    out = io.StringIO()
    count = batch.write_results(rows, out)
    return out.getvalue(), count


@jobs.handler(services.BATCH_JOB)
def run_screening_batch(payload: dict[str, Any]) -> None:
    """Payload: batch_id. A file that no longer reads is recorded as failed, not retried."""
    record = ScreeningBatch.objects.filter(pk=payload["batch_id"]).select_related("owner").first()
    if record is None or record.finished:
        return
    try:
        results, count = results_of(record)
    except batch.BatchError as exc:
        services.finish_batch(batch_record=record, error=str(exc))
        return
    services.finish_batch(batch_record=record, results=results, count=count)
