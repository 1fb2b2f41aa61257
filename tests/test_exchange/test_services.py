from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sswbridge.accounts.models import Role
from sswbridge.audit.models import AuditEntry
from sswbridge.exchange import envelope, receipts, selectors, services
from sswbridge.exchange.models import Communication
from sswbridge.exchange.selectors import Box, Folder, ListFilter
from tests.helpers import factories

pytestmark = pytest.mark.django_db


def _box(user, box, folder=Folder.ALL):
    return list(selectors.box_for(user, box, ListFilter(folder=folder)))


def test_share_reaches_the_japanese_inbox_unread(share, jp_cp):
    assert _box(jp_cp, Box.INBOX, Folder.UNREAD) == [share]


def test_share_is_addressed_to_the_japanese_contact_point(share):
    assert (share.recipient_side.code, share.recipient_agency.code) == ("JP", "isa")


def test_share_is_delivered_when_sent(share):
    assert share.delivered_at == share.sent_at is not None


def test_share_is_marked_for_both_sides_by_default(share):
    assert share.marking == "both"


def test_opening_by_the_recipient_side_is_recorded_once(share, jp_cp, jp_officer):
    assert receipts.mark_opened(actor=jp_officer, communication=share)
    assert not receipts.mark_opened(actor=jp_cp, communication=share)
    share.refresh_from_db()
    assert share.first_opened_by == jp_officer


def test_the_senders_own_opening_does_not_count(share, kg_cp, jp_cp):
    receipts.mark_opened(actor=kg_cp, communication=share)
    share.refresh_from_db()
    assert share.first_opened_at is None
    assert _box(jp_cp, Box.INBOX, Folder.UNREAD) == [share]


def test_recipient_contact_point_acknowledges(share, jp_cp):
    receipts.acknowledge(actor=jp_cp, communication=share)
    share.refresh_from_db()
    assert (share.acknowledged_by, share.acknowledged_at is not None) == (jp_cp, True)


def test_acknowledging_also_counts_as_opening(share, jp_cp):
    receipts.acknowledge(actor=jp_cp, communication=share)
    share.refresh_from_db()
    assert share.first_opened_by == jp_cp


def test_an_officer_who_is_not_the_contact_point_cannot_acknowledge(share, jp_officer):
    with pytest.raises(PermissionDenied):
        receipts.acknowledge(actor=jp_officer, communication=share)


def test_a_contact_point_officer_of_another_agency_cannot_acknowledge(share):
    mofa_cp = factories.make_user("mofa", Role.CONTACT_POINT)
    with pytest.raises(PermissionDenied):
        receipts.acknowledge(actor=mofa_cp, communication=share)


def test_the_sender_cannot_acknowledge_its_own_communication(share, kg_cp):
    with pytest.raises(PermissionDenied):
        receipts.acknowledge(actor=kg_cp, communication=share)


def test_acknowledging_twice_is_a_conflict(share, jp_cp):
    receipts.acknowledge(actor=jp_cp, communication=share)
    with pytest.raises(services.ExchangeConflict):
        receipts.acknowledge(actor=jp_cp, communication=share)


def test_the_senders_outbox_shows_delivery_opening_and_acknowledgement(share, kg_cp, jp_cp):
    receipts.mark_opened(actor=jp_cp, communication=share)
    receipts.acknowledge(actor=jp_cp, communication=share)
    [sent] = _box(kg_cp, Box.OUTBOX)
    assert None not in (sent.delivered_at, sent.first_opened_at, sent.acknowledged_at)


def test_every_step_writes_an_audit_entry(share, jp_cp):
    before = AuditEntry.objects.filter(object_id=str(share.pk)).count()
    receipts.mark_opened(actor=jp_cp, communication=share)
    receipts.acknowledge(actor=jp_cp, communication=share)
    assert AuditEntry.objects.filter(object_id=str(share.pk)).count() == before + 2


def test_an_inquiry_is_due_in_ten_business_days(kg_cp):
    inquiry = factories.make_communication(sender=kg_cp, kind="inquiry", subject="Worker status?")
    from sswbridge.exchange.deadlines import add_business_days

    assert inquiry.due_date == add_business_days(timezone.localdate(inquiry.sent_at), 10)


def test_answering_an_inquiry_sets_answered_at(kg_cp, jp_cp):
    inquiry = factories.make_communication(sender=kg_cp, kind="inquiry", subject="Worker status?")
    reply = receipts.answer(
        actor=jp_cp, communication=inquiry, kind="inquiry_answer", subject="Re: status"
    )
    inquiry.refresh_from_db()
    assert (inquiry.answered_at, reply.in_reply_to_id) == (reply.sent_at, inquiry.pk)


def test_an_answer_must_be_of_an_answering_kind(kg_cp, jp_cp):
    inquiry = factories.make_communication(sender=kg_cp, kind="inquiry", subject="Worker status?")
    with pytest.raises(ValidationError):
        receipts.answer(
            actor=jp_cp, communication=inquiry, kind="general_notice", subject="Re: status"
        )


def test_the_sender_cannot_answer_its_own_inquiry(kg_cp):
    inquiry = factories.make_communication(sender=kg_cp, kind="inquiry", subject="Worker status?")
    with pytest.raises(PermissionDenied):
        receipts.answer(
            actor=kg_cp, communication=inquiry, kind="inquiry_answer", subject="Re: status"
        )


def test_an_inquiry_past_its_due_date_is_overdue(kg_cp, jp_cp):
    late = factories.make_communication(
        sender=kg_cp, kind="inquiry", subject="Old", due_date=dt.date(2024, 1, 5)
    )
    factories.make_communication(sender=kg_cp, kind="inquiry", subject="New")
    assert _box(jp_cp, Box.INBOX, Folder.OVERDUE) == [late]


def test_an_answered_inquiry_is_not_overdue(kg_cp, jp_cp):
    late = factories.make_communication(
        sender=kg_cp, kind="inquiry", subject="Old", due_date=dt.date(2024, 1, 5)
    )
    receipts.answer(actor=jp_cp, communication=late, kind="inquiry_answer", subject="Re: old")
    assert _box(kg_cp, Box.OUTBOX, Folder.OVERDUE) == []


def test_content_hash_is_stable(share):
    stored = Communication.objects.get(pk=share.pk)
    assert envelope.compute_hash(stored) == share.content_hash
    assert len(share.content_hash) == 64


def test_content_hash_covers_the_content(share):
    stored = Communication.objects.get(pk=share.pk)
    stored.body = stored.body + " (changed)"
    assert not envelope.hash_matches(stored)


def test_correction_is_a_new_version_and_keeps_the_old(share, kg_cp):
    new = services.correct(
        actor=kg_cp,
        communication=share,
        subject=share.subject,
        body="Corrected: only penalty contracts.",
        payload={"acts": ["penalty_contract"]},
    )
    old = Communication.objects.get(pk=share.pk)
    assert (new.supersedes_id, new.version) == (share.pk, 2)
    assert (old.body, old.content_hash) == (share.body, share.content_hash)
    assert new.content_hash != share.content_hash
    assert envelope.hash_matches(old) and envelope.hash_matches(new)


def test_only_the_latest_version_shows_in_the_inbox(share, kg_cp, jp_cp):
    new = services.correct(
        actor=kg_cp,
        communication=share,
        subject="Corrected",
        payload={"acts": ["penalty_contract"]},
    )
    assert _box(jp_cp, Box.INBOX) == [new]


def test_an_old_version_cannot_be_corrected_twice(share, kg_cp):
    fields = {"subject": "Corrected", "payload": {"acts": ["penalty_contract"]}}
    services.correct(actor=kg_cp, communication=share, **fields)
    with pytest.raises(services.ExchangeConflict):
        services.correct(actor=kg_cp, communication=share, **fields)


def test_only_the_originating_agency_corrects(share, jp_cp):
    with pytest.raises(PermissionDenied):
        services.correct(actor=jp_cp, communication=share, subject="Mine now")


def test_a_communication_is_never_public(kg_cp):
    with pytest.raises(ValidationError):
        factories.make_communication(sender=kg_cp, marking="public")


def test_a_sent_communication_cannot_be_sent_again(share, kg_cp):
    with pytest.raises(services.ExchangeConflict):
        services.send(actor=kg_cp, communication=share)


def test_a_draft_stays_on_the_originating_side(kg_cp, jp_cp):
    draft = factories.make_communication(sender=kg_cp, send=False)
    assert not Communication.objects.visible_to(jp_cp).filter(pk=draft.pk).exists()


def test_an_auditor_may_not_send(jp_kg):
    auditor = factories.make_user("kg-ceca", Role.AUDITOR)
    with pytest.raises(PermissionDenied):
        factories.make_communication(sender=auditor)


def test_agency_marking_reaches_only_the_recipient_contact_point(kg_cp, jp_cp):
    secret = factories.make_communication(sender=kg_cp, marking="agency", subject="Confidential")
    mofa = factories.make_user("mofa", Role.OFFICER)
    assert Communication.objects.visible_to(jp_cp).filter(pk=secret.pk).exists()
    assert not Communication.objects.visible_to(mofa).filter(pk=secret.pk).exists()


def test_side_marking_keeps_it_from_other_agencies_of_the_recipient_side(kg_cp):
    c = factories.make_communication(sender=kg_cp, marking="side")
    mofa = factories.make_user("mofa", Role.OFFICER)
    embassy = factories.make_user("kg-embassy-jp", Role.OFFICER)
    assert not Communication.objects.visible_to(mofa).filter(pk=c.pk).exists()
    assert Communication.objects.visible_to(embassy).filter(pk=c.pk).exists()


def test_search_finds_subject_and_body_text(share, jp_cp):
    found = selectors.box_for(jp_cp, Box.INBOX, ListFilter(q="UNEXPLAINED fees"))
    assert list(found) == [share]


def test_filter_by_kind(share, kg_cp, jp_cp):
    factories.make_communication(sender=kg_cp, kind="inquiry", subject="Other")
    found = selectors.box_for(jp_cp, Box.INBOX, ListFilter(kind="intermediary_share"))
    assert list(found) == [share]


def _touches_only_the_audit_trail(sql: str) -> bool:
    words = sql.split()
    if words[0] in ("SAVEPOINT", "RELEASE", "COMMIT"):
        return True
    return '"audit_auditchainhead"' in sql or '"audit_auditentry"' in sql


def test_sending_a_new_communication_takes_the_audit_head_last(kg_cp, jp_cp, jp_kg):
    """The audit head serializes every writer: send_new reads, checks and writes everything
    first and holds the head only for its two entries (created, sent)."""
    with CaptureQueriesContext(connection) as captured:
        sent = services.send_new(
            actor=kg_cp, framework=jp_kg, kind="inquiry", subject="Placement", body="Confirm."
        )
    sqls = [q["sql"] for q in captured.captured_queries]
    first = next(i for i, sql in enumerate(sqls) if '"audit_auditchainhead"' in sql)
    assert [sql for sql in sqls[first:] if not _touches_only_the_audit_trail(sql)] == []
    entries = AuditEntry.objects.filter(object_id=str(sent.pk)).order_by("seq")
    assert [(e.action, e.changes["status"]) for e in entries] == [
        ("create", [None, "draft"]),
        ("update", ["draft", "sent"]),
    ]
