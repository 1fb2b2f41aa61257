from __future__ import annotations

import pytest
from django.db import transaction

from sswbridge.audit import services as audit
from sswbridge.audit.chain import HASHED_FIELDS, compute_hash, verify_chain
from sswbridge.audit.models import GENESIS_HASH, AuditChainHead, AuditEntry
from sswbridge.audit.services import AuditChainHeadMissing
from tests.helpers.audit import add_entry

pytestmark = pytest.mark.django_db


def test_each_entry_holds_the_hash_of_the_previous_one(chain):
    entries = list(AuditEntry.objects.order_by("seq"))
    assert [e.prev_hash for e in entries] == [GENESIS_HASH] + [e.entry_hash for e in entries[:-1]]


def test_each_entry_holds_the_hash_of_its_own_content(chain):
    for entry in AuditEntry.objects.all():
        values = {name: getattr(entry, name) for name in HASHED_FIELDS}
        assert compute_hash(values) == entry.entry_hash


def test_sequence_numbers_run_from_one_without_gaps(chain):
    assert list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True)) == [1, 2, 3, 4, 5]


def test_head_points_at_the_last_entry(chain):
    head = AuditChainHead.objects.get(pk=1)
    assert (head.last_seq, head.last_hash) == (5, chain[-1].entry_hash)


def test_an_intact_chain_verifies(chain):
    assert verify_chain().ok and verify_chain().verified == 5


def test_an_empty_chain_verifies(db):
    result = verify_chain()
    assert (result.ok, result.verified) == (True, 0)


def test_entry_records_actor_agency_side_and_framework(jp_kg, kg_officer):
    entry = add_entry(kg_officer, framework=jp_kg)
    assert (entry.actor_label, entry.agency_code, entry.side_code, entry.framework_code) == (
        "kg-officer",
        "kg-ceca",
        "KG",
        "jp-kg",
    )


def test_entry_is_rolled_back_with_the_transaction_that_wrote_it(jp_kg, jp_officer):
    with pytest.raises(RuntimeError), transaction.atomic():
        add_entry(jp_officer, framework=jp_kg)
        raise RuntimeError("the service failed")
    assert not AuditEntry.objects.exists()
    assert AuditChainHead.objects.get(pk=1).last_seq == 0


def test_whole_floats_in_changes_still_verify_after_a_round_trip_through_the_database(
    jp_kg, jp_officer
):
    add_entry(jp_officer, framework=jp_kg, changes={"amount": [1e20, 2.0], "rate": [0.1, 1e-7]})
    assert verify_chain().ok


def test_saving_an_existing_entry_is_refused(chain):
    entry = AuditEntry.objects.get(seq=2)
    entry.actor_label = "someone else"
    with pytest.raises(PermissionError):
        entry.save()


def test_deleting_an_entry_through_the_model_is_refused(chain):
    with pytest.raises(PermissionError):
        AuditEntry.objects.get(seq=2).delete()
    assert AuditEntry.objects.count() == 5


def test_a_missing_head_is_recreated_for_an_empty_chain(jp_kg, jp_officer):
    AuditChainHead.objects.all().delete()
    add_entry(jp_officer, framework=jp_kg)
    assert verify_chain().ok


def test_a_missing_head_with_entries_is_tampering_and_stops_writers(chain, jp_officer):
    AuditChainHead.objects.all().delete()
    with pytest.raises(AuditChainHeadMissing):
        audit.record(actor=jp_officer, action="update", object_type="x", object_id="1")
    assert not verify_chain().ok
