"""Merging duplicate intermediaries, undoing a merge, and noting a pair as not the same.

Who: registrars and contact-point officers (`MERGE_ROLES`) of the side that reported both
records (the originator controls its information), who can see both. Officers, auditors
and administrators may look at suggestions but not act on them.

A merge of B (`source`) into A (`target`), in one transaction:

- B's names, identifiers and linked people (both ways) move to A, except those A already
  has (same name and script; same identifier; the same link), which stay on B, and a link
  between A and B, which would point to itself;
- communications and cases that name B stay as they are (a sent communication's content
  hash covers the intermediaries it names) and are shown on A's page through the merge;
- B gets status *merged* and `merged_into` A; it leaves lists, suggestions and screening;
- an `IntermediaryMerge` keeps who, when, why and the ids of every row moved; one audit
  entry holds the same.

An undo moves back exactly the rows listed (those added to A later stay), makes B active,
and sets `undone_at` on the same merge record (both events kept); an audit entry records it.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sswbridge.accounts.models import Role, User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.core.models import Marking
from sswbridge.intermediaries import selectors
from sswbridge.intermediaries.models import (
    DuplicateDismissal,
    Intermediary,
    IntermediaryIdentifier,
    IntermediaryLink,
    IntermediaryMerge,
    IntermediaryName,
    IntermediaryStatus,
)
from sswbridge.intermediaries.services.duplicates import pair_key
from sswbridge.intermediaries.services.intermediaries import NotPermitted
from sswbridge.screening import signals as screening

MERGE_ROLES = (Role.CONTACT_POINT, Role.REGISTRAR)
REASON_MAX = 2000
_WIDTH = {Marking.AGENCY: 0, Marking.SIDE: 1, Marking.BOTH: 2, Marking.PUBLIC: 3}


class MergeConflict(Exception):
    """The records are not in a state that allows this (already merged, already undone)."""

    def __init__(self, code: str, message: str | Promise) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = str(message)


def may_merge(user: Any) -> bool:
    """Whether the user's role may merge, undo merges and dismiss suggestions."""
    return bool(getattr(user, "is_authenticated", False) and user.role in MERGE_ROLES)


def may_merge_records(user: Any, *items: Intermediary) -> bool:
    """Whether the user may merge these records, or undo their merge: a role that merges, on
    the side that reported every one of them."""
    return may_merge(user) and all(_own_side(user, item) for item in items)


def may_undo(user: Any, record: IntermediaryMerge) -> bool:
    """Whether the merge's page offers the user to undo it (the undo itself also asks
    `may_merge_records` of its two records)."""
    return may_merge(user) and not record.is_undone


def _own_side(user: Any, item: Intermediary) -> bool:
    return bool(user.agency.side_id == item.originator_side_id)


def _require_role(actor: User) -> None:
    if not may_merge(actor):
        raise NotPermitted(
            "role_may_not_merge",
            _("Only registrars and contact-point officers may merge intermediaries."),
        )


def _require_own_side(actor: User, *items: Intermediary) -> None:
    for item in items:
        if not _own_side(actor, item):
            raise NotPermitted(
                "not_originating_side",
                _("Only the side that reported both intermediaries may merge them."),
            )


def _require_visible(actor: User, *items: Intermediary) -> None:
    ids = [item.pk for item in items]
    if selectors.intermediaries_for(actor).filter(pk__in=ids).count() != len(set(ids)):
        raise ValidationError({"intermediary": [str(_("No such intermediary."))]})


def _reason(value: Any, *, required: bool = True) -> str:
    text = str(value or "").replace("\r\n", "\n").strip()
    if "\x00" in text:
        raise ValidationError({"reason": [str(_("Null characters are not allowed."))]})
    if required and not text:
        raise ValidationError({"reason": [str(_("Give the reason."))]})
    if len(text) > REASON_MAX:
        raise ValidationError(
            {
                "reason": [
                    str(_("At most %(limit)d characters are allowed.") % {"limit": REASON_MAX})
                ]
            }
        )
    return text


def _check_pair(target: Intermediary, source: Intermediary) -> None:
    if target.pk == source.pk:
        raise ValidationError({"source": [str(_("An intermediary cannot be merged into itself."))]})
    if target.framework_id != source.framework_id:
        raise ValidationError({"source": [str(_("No such intermediary."))]})
    for item in (target, source):
        if item.status != IntermediaryStatus.ACTIVE:
            raise MergeConflict(
                "already_merged", _("%(name)s has already been merged.") % {"name": item}
            )
    # What moves into the target must not reach readers the source was hidden from.
    narrower = _WIDTH[Marking(target.marking)] > _WIDTH[Marking(source.marking)]
    other_agency = (
        source.marking == Marking.AGENCY
        and target.originator_agency_id != source.originator_agency_id
    )
    if narrower or other_agency:
        raise ValidationError(
            {
                "source": [
                    str(
                        _(
                            "The record to merge is marked more narrowly than the one it would "
                            "join; merge the other way round or change the marking first."
                        )
                    )
                ]
            }
        )


def _ids(rows: Any) -> list[str]:
    return [str(pk) for pk in rows.values_list("pk", flat=True)]


def _split(rows: Any, clashes: Any) -> tuple[list[str], list[str]]:
    """The ids of the rows that move, and of those that stay (`clashes(row)`)."""
    moving: list[str] = []
    staying: list[str] = []
    for row in rows:
        (staying if clashes(row) else moving).append(str(row.pk))
    return moving, staying


def _plan(target: Intermediary, source: Intermediary) -> dict[str, Any]:
    """Which of the source's rows move and which stay (the target already has them)."""
    have_names = set(target.names.values_list("value", "script"))
    names, kept_names = _split(source.names.all(), lambda n: (n.value, n.script) in have_names)
    have_ids = set(target.identifiers.values_list("type", "normalized"))
    idents, kept_ids = _split(
        source.identifiers.all(), lambda i: (i.type, i.normalized) in have_ids
    )
    have_out = set(target.links_out.values_list("to_intermediary_id", "relation"))
    out, kept_out = _split(
        source.links_out.all(),
        lambda link: (
            link.to_intermediary_id == target.pk
            or (link.to_intermediary_id, link.relation) in have_out
        ),
    )
    have_in = set(target.links_in.values_list("from_intermediary_id", "relation"))
    into, kept_in = _split(
        source.links_in.all(),
        lambda link: (
            link.from_intermediary_id == target.pk
            or (link.from_intermediary_id, link.relation) in have_in
        ),
    )
    plan: dict[str, Any] = {
        "names": names,
        "identifiers": idents,
        "links_out": out,
        "links_in": into,
        "kept": {
            "names": kept_names,
            "identifiers": kept_ids,
            "links_out": kept_out,
            "links_in": kept_in,
        },
        "mentions": _ids(source.mentions.all()),
        "cases": [],
    }
    cases = getattr(source, "cases", None)
    if cases is not None and selectors.cases_installed():
        plan["cases"] = _ids(cases.all())
    return plan


def _move(plan: dict[str, Any], to: Intermediary) -> None:
    """Point the planned rows at `to` (bulk updates: the screening index is told apart)."""
    IntermediaryName.objects.filter(pk__in=plan["names"]).update(intermediary=to)
    IntermediaryIdentifier.objects.filter(pk__in=plan["identifiers"]).update(intermediary=to)
    IntermediaryLink.objects.filter(pk__in=plan["links_out"]).update(from_intermediary=to)
    IntermediaryLink.objects.filter(pk__in=plan["links_in"]).update(to_intermediary=to)


def _set_status(actor: User, item: Intermediary, merged_into: Intermediary | None) -> None:
    before = audit.snapshot(item, ("status", "merged_into_id", "version"))
    item.status = IntermediaryStatus.MERGED if merged_into else IntermediaryStatus.ACTIVE
    item.merged_into = merged_into
    item.version += 1
    item.save(update_fields=["status", "merged_into", "version", "updated_at"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=item,
        changes=audit.diff(before, audit.snapshot(item, ("status", "merged_into_id", "version"))),
    )


def merge(
    *,
    actor: User,
    target: Intermediary,
    source: Intermediary,
    reason: str,
    score: float | None = None,
) -> IntermediaryMerge:
    """Merge `source` (B) into `target` (A); B is kept, merged, pointing to A."""
    _require_role(actor)
    reason = _reason(reason)
    with transaction.atomic():
        locked = (
            Intermediary.objects.select_for_update(no_key=True)
            .order_by("pk")
            .in_bulk([target.pk, source.pk])
        )
        if len(locked) != len({target.pk, source.pk}):
            raise ValidationError({"source": [str(_("No such intermediary."))]})
        target, source = locked[target.pk], locked[source.pk]
        _require_visible(actor, target, source)
        _check_pair(target, source)
        _require_own_side(actor, target, source)
        plan = _plan(target, source)
        _move(plan, target)
        _set_status(actor, source, target)
        record = IntermediaryMerge.objects.create(
            framework_id=target.framework_id,
            target=target,
            source=source,
            reason=reason,
            score=score,
            moved=plan,
            merged_by=actor,
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=record,
            framework=target.framework,
            changes=audit.diff(
                None,
                {
                    "target_id": str(target.pk),
                    "source_id": str(source.pk),
                    "reason": reason,
                    "score": score,
                    "moved": plan,
                },
            ),
        )
        screening.changed("intermediary", [str(target.pk), str(source.pk)])
        return record


def undo(*, actor: User, merge: IntermediaryMerge, reason: str = "") -> IntermediaryMerge:
    """Undo a merge: B is active again and exactly the rows that came from B go back."""
    _require_role(actor)
    reason = _reason(reason, required=False)
    with transaction.atomic():
        record = IntermediaryMerge.objects.select_for_update(no_key=True).get(pk=merge.pk)
        locked = (
            Intermediary.objects.select_for_update(no_key=True)
            .order_by("pk")
            .in_bulk([record.target_id, record.source_id])
        )
        target, source = locked[record.target_id], locked[record.source_id]
        _require_visible(actor, target, source)
        _require_own_side(actor, target, source)
        if record.undone_at is not None:
            raise MergeConflict(
                "already_undone",
                _("This merge was already undone on %(when)s.")
                % {"when": record.undone_at.strftime("%Y-%m-%d %H:%M")},
            )
        if target.status != IntermediaryStatus.ACTIVE:
            raise MergeConflict(
                "target_merged",
                _("%(name)s has since been merged into another record; undo that merge first.")
                % {"name": target},
            )
        moved = record.moved
        back = {
            "names": _ids(
                IntermediaryName.objects.filter(pk__in=moved["names"], intermediary=target)
            ),
            "identifiers": _ids(
                IntermediaryIdentifier.objects.filter(
                    pk__in=moved["identifiers"], intermediary=target
                )
            ),
            "links_out": _ids(
                IntermediaryLink.objects.filter(pk__in=moved["links_out"], from_intermediary=target)
            ),
            "links_in": _ids(
                IntermediaryLink.objects.filter(pk__in=moved["links_in"], to_intermediary=target)
            ),
        }
        _move(back, source)
        _set_status(actor, source, None)
        record.undone_at = timezone.now()
        record.undone_by = actor
        record.undo_reason = reason
        record.restored = back
        record.save(update_fields=["undone_at", "undone_by", "undo_reason", "restored"])
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=record,
            framework=target.framework,
            changes=audit.diff(
                {"undone_at": None},
                {"undone_at": record.undone_at, "undo_reason": reason, "restored": back},
            ),
        )
        screening.changed("intermediary", [str(target.pk), str(source.pk)])
        return record


def dismiss(
    *, actor: User, first: Intermediary, second: Intermediary, reason: str = ""
) -> DuplicateDismissal:
    """Note that two intermediaries are not the same: the pair is not suggested again."""
    _require_role(actor)
    reason = _reason(reason, required=False)
    if first.pk == second.pk or first.framework_id != second.framework_id:
        raise ValidationError({"other": [str(_("No such intermediary."))]})
    with transaction.atomic():
        _require_visible(actor, first, second)
        a, b = pair_key(first.pk, second.pk)
        found = DuplicateDismissal.objects.filter(first_id=UUID(a), second_id=UUID(b)).first()
        if found is not None:
            return found
        row = DuplicateDismissal.objects.create(
            framework_id=first.framework_id,
            first_id=a,
            second_id=b,
            reason=reason,
            dismissed_by=actor,
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=row,
            framework=first.framework,
            changes=audit.diff(
                None, {"first_id": a, "second_id": b, "reason": reason, "decision": "not_same"}
            ),
        )
        return row
