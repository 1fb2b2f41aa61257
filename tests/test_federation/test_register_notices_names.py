"""Issue 16: a register notice carries the organization's names in every language and
script; a notice from a node of the previous release (name_ky, name_ru) still arrives."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from sswbridge.sending.federation import KIND
from sswbridge.sending.models import SendingOrganization
from tests.helpers import registers
from tests.helpers.register_notices import auto_publish, post_notice, sending_entry, step
from tests.test_federation.test_register_notices_sending import (  # fixtures
    kg_registrar,
    kyrgyz_node,
)

__all__ = ["kg_registrar", "kyrgyz_node"]

pytestmark = pytest.mark.django_db


def _verify(q: str) -> dict[str, Any]:
    answer: dict[str, Any] = Client().get("/api/v1/public/jp/verify", {"q": q}).json()
    return answer


def test_an_approval_carries_every_name(kyrgyz_node, jp_kg, kg_registrar):
    from sswbridge.federation.models import Envelope

    registers.approved(kg_registrar, jp_kg)
    entry = Envelope.objects.get(kind=KIND).payload["entry"]
    assert entry["names"] == [
        {"value": "«Ала-Тоо Эмгек Көпүрөсү» ЖЧК", "script": "Cyrl", "language": "ky"},
        {"value": "ОсОО «Ала-Тоо Трудовой Мост»", "script": "Cyrl", "language": "ru"},
    ]
    assert "name_ky" not in entry and "name_ru" not in entry


def test_the_copy_keeps_the_names_and_verify_finds_it_by_them(kg_peer, kg_node, client, jp_kg):
    auto_publish(jp_kg, "isa")
    entry = sending_entry(
        names=[
            {"value": "«Ала-Тоо» ЖЧК", "script": "Cyrl", "language": "ky"},
            {"value": "Ala-Too MChJ", "script": "Latn", "language": "uz"},
        ]
    )
    answer, _data = post_notice(
        kg_node, client, KIND, {"entry": entry, "change": step("approved"), "communication": None}
    )
    assert answer.status_code == 200, answer.content
    org = SendingOrganization.objects.get(pk=entry["id"])
    assert [(n.language, n.script, n.value) for n in org.names.all()] == [
        ("ky", "Cyrl", "«Ала-Тоо» ЖЧК"),
        ("uz", "Latn", "Ala-Too MChJ"),
    ]
    assert _verify("Ala-Too MChJ")["found"]


def test_a_notice_of_the_previous_release_with_name_ky_and_name_ru(kg_peer, kg_node, client, jp_kg):
    auto_publish(jp_kg, "isa")
    entry = sending_entry(name_ky="«Ала-Тоо» ЖЧК", name_ru="ОсОО «Ала-Тоо»")
    del entry["names"]
    answer, _data = post_notice(
        kg_node, client, KIND, {"entry": entry, "change": step("approved"), "communication": None}
    )
    assert answer.status_code == 200, answer.content
    org = SendingOrganization.objects.get(pk=entry["id"])
    assert (org.name_ky, org.name_ru) == ("«Ала-Тоо» ЖЧК", "ОсОО «Ала-Тоо»")
    assert _verify("ОсОО «Ала-Тоо»")["found"]


def test_a_name_in_an_unknown_script_is_refused(kg_peer, kg_node, client):
    entry = sending_entry(names=[{"value": "X", "script": "Klingon", "language": "ky"}])
    answer, _data = post_notice(
        kg_node, client, KIND, {"entry": entry, "change": step("approved"), "communication": None}
    )
    assert (answer.status_code, answer.json()["code"]) == (422, "unprocessable")
    assert not SendingOrganization.objects.filter(pk=entry["id"]).exists()
