"""Two officers never silently overwrite each other in the interface (issue 15, point 4;
core/concurrency.py): an edit form carries the version it was opened at, and a save over a
change made since is refused on the form, with nothing written."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse

from sswbridge.accounts.models import Role
from sswbridge.frameworks.models import SSWField
from tests.helpers import factories

EDIT = {"kind": "corporation", "country": "KG", "marking": "both"}


def _version(page: Any) -> str:
    found = re.search(r'name="record_version" value="([0-9a-f]+)"', page.content.decode())
    assert found, "the edit form carries the record's version"
    return found.group(1)


def test_a_save_over_a_change_made_since_the_form_was_opened_is_refused(kg_cp, ak_jol):
    url = reverse("intermediaries:intermediary_edit", args=[ak_jol.pk])
    alice = factories.verified_client(kg_cp)
    bob = factories.verified_client(
        factories.make_user("kg-ceca", Role.CONTACT_POINT, username="kg_cp_bob")
    )
    seen_by_alice, seen_by_bob = _version(alice.get(url)), _version(bob.get(url))
    assert seen_by_alice == seen_by_bob

    saved = alice.post(url, {**EDIT, "notes": "Alice: closed.", "record_version": seen_by_alice})
    assert saved.status_code == 302

    refused = bob.post(url, {**EDIT, "notes": "Bob: open.", "record_version": seen_by_bob})
    assert refused.status_code == 200
    assert "Someone else changed this record" in refused.content.decode()
    assert _version(refused) == seen_by_bob  # re-posting the same form stays refused
    ak_jol.refresh_from_db()
    assert ak_jol.notes == "Alice: closed."

    fresh = _version(bob.get(url))
    assert fresh != seen_by_bob
    assert (
        bob.post(url, {**EDIT, "notes": "Bob: open.", "record_version": fresh}).status_code == 302
    )
    ak_jol.refresh_from_db()
    assert ak_jol.notes == "Bob: open."


def test_the_ssw_field_form_refuses_a_stale_save(db):
    registrar = factories.make_user("isa", Role.REGISTRAR)
    client = factories.verified_client(registrar)
    url = "/frameworks/fields/railway/edit/"
    seen = _version(client.get(url))
    SSWField.objects.filter(code="railway").update(name_ja="鉄道分野")
    form = {
        "code": "railway",
        "name_en": "Railway",
        "name_ja": "鉄道",
        "ssw2_open": "on",
        "active": "on",
        "sort_order": "140",
        "record_version": seen,
    }
    refused = client.post(url, form)
    assert refused.status_code == 200
    assert SSWField.objects.get(code="railway").name_ja == "鉄道分野"
    form["record_version"] = _version(client.get(url))
    assert client.post(url, form).status_code == 302
    assert SSWField.objects.get(code="railway").name_ja == "鉄道"
