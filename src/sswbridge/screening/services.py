"""Every write of screening: the hits of automatic screening, their decisions, and batches.

Automatic screening (issue 5, point 3): the registry's services call `screen_sending_organization`
when an application is recorded or corrected, and `screen_intermediaries` when a share names
intermediaries, inside their own transaction. Each name is screened as the actor (only
records the actor may see) against every source, the record itself set aside, and each new
pair (subject, candidate) becomes a `ScreeningHit`. A pair already known, in either
direction, never alerts again: once decided it is a known false positive or a link.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sswbridge.accounts.models import Role, User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.core import jobs
from sswbridge.core.models import Marking
from sswbridge.screening import batch
from sswbridge.screening.entries import ORGANIZATION, PERSON, Candidate, Query
from sswbridge.screening.models import BatchStatus, HitStatus, ScreeningBatch, ScreeningHit
from sswbridge.screening.selectors import screen
from sswbridge.screening.settings import DEFAULT_THRESHOLD

# Candidates kept per name screened on saving.
AUTO_LIMIT = 10
REASON_MAX = 1000
BATCH_JOB = "screening_batch"
BATCH_MAX_BYTES = 5 * 1024 * 1024
BATCH_MAX_QUERIES = 20_000
HIT_FIELDS = ("subject_source", "subject_id", "candidate_source", "candidate_id", "score")
DECISION_FIELDS = ("status", "reason", "decided_by_id")
# Narrowest first; a hit travels no further than the narrower of its two records.
_WIDTH: list[str] = [Marking.AGENCY, Marking.SIDE, Marking.BOTH]


class NotPermitted(PermissionDenied):
    def __init__(self, message: str | Promise) -> None:
        super().__init__(str(message))
        self.message = str(message)


def may_decide(user: User) -> bool:
    """Examiners decide hits: officers, registrars and contact-point officers."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.role in (Role.OFFICER, Role.REGISTRAR, Role.CONTACT_POINT)
    )


def _narrower(first: str, second: str) -> str:
    widths = [_WIDTH.index(m) if m in _WIDTH else len(_WIDTH) - 1 for m in (first, second)]
    return _WIDTH[min(widths)]


def _known(subject: str, candidate: str) -> bool:
    s_source, _sep, s_id = subject.partition(":")
    c_source, _sep, c_id = candidate.partition(":")
    return ScreeningHit.objects.filter(
        Q(subject_source=s_source, subject_id=s_id, candidate_source=c_source, candidate_id=c_id)
        | Q(subject_source=c_source, subject_id=c_id, candidate_source=s_source, candidate_id=s_id)
    ).exists()


def screen_record(
    *,
    actor: User,
    record: Any,
    source: str,
    queries: Sequence[Query],
    communication: Any = None,
) -> list[ScreeningHit]:
    """Screen the names of one saved record; store a hit for each pair not known yet."""
    subject = f"{source}:{record.pk}"
    best: dict[str, tuple[Query, Candidate]] = {}
    for query in queries:
        if not query.name.strip():
            continue
        for candidate in screen(query, user=actor, threshold=DEFAULT_THRESHOLD, limit=AUTO_LIMIT):
            key = candidate.entry.id
            if key == subject:
                continue
            if key not in best or candidate.score > best[key][1].score:
                best[key] = (query, candidate)
    created: list[ScreeningHit] = []
    with transaction.atomic():
        for key, (query, candidate) in sorted(best.items(), key=lambda kv: -kv[1][1].score):
            if _known(subject, key):
                continue
            entry = candidate.entry
            hit = ScreeningHit.objects.create(
                framework=record.framework,
                originator_side=actor.agency.side,
                originator_agency=actor.agency,
                marking=_narrower(record.marking, entry.marking or Marking.BOTH),
                subject_source=source,
                subject_id=str(record.pk),
                subject_name=query.name[:300],
                communication=communication,
                candidate_source=entry.source,
                candidate_id=entry.object_id,
                candidate_name=candidate.matched_name[:300],
                score=round(candidate.score, 4),
                explanation=candidate.explanation.as_dict() if candidate.explanation else {},
                flags=list(entry.flags),
            )
            audit.record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=hit,
                changes=audit.diff(None, audit.snapshot(hit, HIT_FIELDS)),
            )
            created.append(hit)
    return created


def representatives_of(organization: Any) -> list[str]:
    return [line.strip() for line in (organization.representatives or "").splitlines() if line]


def screen_sending_organization(*, actor: User, organization: Any) -> list[ScreeningHit]:
    """An application and its representatives (one a line), screened when saved."""
    country = getattr(organization.framework.partner_side, "country", "") or ""
    queries = [
        Query.of(
            name,
            kind=ORGANIZATION,
            country=country,
            registration_number=organization.registration_number,
            phone=organization.phone,
        )
        for name in organization.all_names()
        if name
    ]
    queries += [Query.of(name, kind=PERSON) for name in representatives_of(organization)]
    return screen_record(
        actor=actor, record=organization, source="sending_organization", queries=queries
    )


def screen_intermediaries(
    *, actor: User, intermediaries: Iterable[Any], communication: Any = None
) -> list[ScreeningHit]:
    """Each intermediary named in a share, by each of its names and identifiers."""
    hits: list[ScreeningHit] = []
    for item in intermediaries:
        idents = {ident.type: ident.value for ident in item.identifiers.all()}
        kind = PERSON if item.kind == "individual" else ORGANIZATION
        queries = [
            Query.of(
                name.value,
                kind=kind,
                country=item.country,
                registration_number=idents.get("registration_number", ""),
                phone=idents.get("phone", ""),
            )
            for name in item.names.all()
        ]
        hits += screen_record(
            actor=actor,
            record=item,
            source="intermediary",
            queries=queries,
            communication=communication,
        )
    return hits


def decide(*, actor: User, hit: ScreeningHit, status: str, reason: str = "") -> ScreeningHit:
    """Record the examiner's decision on a hit: a match links the two records, not a match
    adds the pair to the known false positives. Either way the pair never alerts again.

    The caller looks the hit up through `visible_to`."""
    if not may_decide(actor):
        raise NotPermitted(_("Only an officer, a registrar or a contact point decides hits."))
    if status not in (HitStatus.MATCH, HitStatus.NOT_MATCH):
        raise ValidationError({"status": [str(_("Choose match or not a match."))]})
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": [str(_("The reason is too long."))]})
    with transaction.atomic():
        locked: ScreeningHit = ScreeningHit.objects.select_for_update(no_key=True).get(pk=hit.pk)
        if locked.status != HitStatus.OPEN:
            raise ValidationError({"status": [str(_("This hit has already been decided."))]})
        before = audit.snapshot(locked, DECISION_FIELDS)
        locked.status = status
        locked.reason = reason
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.version += 1
        locked.save()
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            changes=audit.diff(before, audit.snapshot(locked, DECISION_FIELDS)),
        )
        return locked


# --- batches ---------------------------------------------------------------------------------


def _text_of(upload: Any, field: str) -> str:
    if upload.size is not None and upload.size > BATCH_MAX_BYTES:
        raise ValidationError({field: [str(_("The file is too large."))]})
    raw = b"".join(upload.chunks())
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError({field: [str(_("The file is not UTF-8 text."))]}) from None


def _check_csv(text: str, field: str, *, watchlist: bool) -> int:
    """The number of rows; a ValidationError naming the first bad line."""
    import io

    try:
        if watchlist:
            return sum(1 for _entry in batch.read_watchlist(io.StringIO(text)))
        count = sum(1 for _query in batch.read_queries(io.StringIO(text)))
    except batch.BatchError as exc:
        raise ValidationError({field: [str(exc)]}) from None
    except Exception:  # csv.Error: a malformed file
        raise ValidationError({field: [str(_("The file is not a readable CSV file."))]}) from None
    if count > BATCH_MAX_QUERIES:
        raise ValidationError(
            {field: [str(_("At most %(count)s names per batch.") % {"count": BATCH_MAX_QUERIES})]}
        )
    return count


def queue_batch(
    *, actor: User, queries: Any, threshold: float, limit: int, watchlist: Any = None
) -> ScreeningBatch:
    """Check the uploaded CSV files and queue their screening (see jobs.py)."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise NotPermitted(_("Sign in to screen names."))
    if not 0.0 <= threshold <= 1.0:
        raise ValidationError({"threshold": [str(_("Give a threshold between 0 and 1."))]})
    if not 1 <= limit <= 100:
        raise ValidationError({"limit": [str(_("Give a limit between 1 and 100."))]})
    text = _text_of(queries, "queries")
    total = _check_csv(text, "queries", watchlist=False)
    watch_text = _text_of(watchlist, "watchlist") if watchlist is not None else ""
    if watchlist is not None:
        _check_csv(watch_text, "watchlist", watchlist=True)
    with transaction.atomic():
        record = ScreeningBatch.objects.create(
            owner=actor,
            file_name=str(queries.name or "queries.csv")[:255],
            queries_csv=text,
            watchlist_name=str(getattr(watchlist, "name", "") or "")[:255],
            watchlist_csv=watch_text,
            threshold=threshold,
            limit=limit,
            queries_total=total,
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=record,
            changes=audit.diff(
                None,
                audit.snapshot(record, ("file_name", "watchlist_name", "threshold", "limit")),
            ),
        )
        jobs.enqueue(BATCH_JOB, {"batch_id": str(record.pk)}, unique_key=f"{BATCH_JOB}:{record.pk}")
        return record


def record_batch_progress(*, batch_record: ScreeningBatch, done: int) -> None:
    """How far a running batch has come (its own short write, not audited: the state of a
    running job, not a record)."""
    ScreeningBatch.objects.filter(pk=batch_record.pk).update(
        queries_done=done, status=BatchStatus.RUNNING
    )


def finish_batch(
    *, batch_record: ScreeningBatch, results: str = "", count: int = 0, error: str = ""
) -> ScreeningBatch:
    """Store a batch's results (or why it failed)."""
    with transaction.atomic():
        record: ScreeningBatch = ScreeningBatch.objects.select_for_update(no_key=True).get(
            pk=batch_record.pk
        )
        record.status = BatchStatus.FAILED if error else BatchStatus.DONE
        record.results_csv = results
        record.results_count = count
        record.error = error
        record.queries_done = record.queries_total if not error else record.queries_done
        record.finished_at = timezone.now()
        record.save()
        audit.record(
            actor=record.owner,
            action=AuditAction.UPDATE,
            obj=record,
            changes=audit.diff(None, audit.snapshot(record, ("status", "results_count"))),
        )
        return record
