"""Salted commitments and canonical JSON (issue 14, point 3)."""

from __future__ import annotations

import hashlib

from sswbridge.federation import canonical, commitments


def test_canonical_json_is_rfc_8785():
    assert canonical.dumps({"b": 1, "a": [1.0, "ü", None]}) == b'{"a":[1,"\xc3\xbc",null],"b":1}'


def test_each_field_has_its_own_salt_and_the_commitment_opens_only_with_it():
    one = commitments.commit_fields({"name": "Asel"}, {"phone": "0555"})
    two = commitments.commit_fields({"name": "Asel"}, {"phone": "0555"})
    assert one.commitments["name"] != two.commitments["name"]  # a fresh salt every time
    assert one.salts["name"] != two.salts["name"]
    salt = one.withheld["phone"]["salt"]
    assert commitments.opens(one.commitments["phone"], "phone", "0555", salt)
    assert not commitments.opens(one.commitments["phone"], "phone", "0556", salt)
    assert not commitments.opens(one.commitments["phone"], "name", "0555", salt)
    assert not commitments.opens(one.commitments["phone"], "phone", "0555", "00" * 32)


def test_a_short_withheld_value_cannot_be_found_by_trying_values():
    """A plain hash of a short value falls to a dictionary; the salted commitment does not
    match any unsalted hash of the right value."""
    committed = commitments.commit_fields({}, {"pin": "1234"})
    guesses = {
        hashlib.sha256(canonical.dumps({"field": "pin", "value": f"{n:04d}"})).hexdigest()
        for n in range(10000)
    }
    assert committed.commitments["pin"] not in guesses
    assert "1234" not in str(committed.commitments) + str(committed.visible)


def test_visible_values_are_checked_against_their_commitments():
    committed = commitments.commit_fields({"a": 1, "b": "x"})
    assert commitments.mismatches(committed.commitments, committed.visible, committed.salts) == []
    assert commitments.mismatches(committed.commitments, {"a": 2, "b": "x"}, committed.salts) == [
        "a"
    ]
    assert commitments.mismatches(committed.commitments, {"a": 1}, committed.salts) == ["b"]
    assert commitments.mismatches({}, committed.visible, committed.salts) == ["a", "b"]


def test_a_field_cannot_be_both_visible_and_withheld():
    import pytest

    with pytest.raises(ValueError):
        commitments.commit_fields({"a": 1}, {"a": 2})
