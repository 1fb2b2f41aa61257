"""Japan's list of registered support organizations over the federation, on one node at a
time: on Japan's node an import that changes the list queues `support.register_notice`
envelopes (in parts) with the published columns; on the Kyrgyz node they become the copy
that its portal lists and verify finds; a removal travels as a newer row."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from sswbridge.accounts.models import Role
from sswbridge.federation import services as federation
from sswbridge.federation.models import Envelope
from sswbridge.frameworks.models import Side
from sswbridge.support import federation as support_federation
from sswbridge.support import samples, services
from sswbridge.support.federation import KIND
from sswbridge.support.models import SupportImport, SupportOrganization
from tests.helpers import factories
from tests.helpers.federation import PeerNode
from tests.helpers.register_notices import JP_AGENCY, post_notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def jp_registrar(jp_kg: Any) -> Any:
    return factories.make_user("isa", Role.REGISTRAR, username="jp_registrar")


def _import(registrar: Any, framework: Any, rows: list[dict[str, Any]], path: Path) -> Any:
    samples.write_list(path, rows)
    return services.import_file(actor=registrar, framework=framework, path=path)


# --- on Japan's node, which keeps the list -------------------------------------------------


def test_an_import_queues_the_list_in_parts_and_a_removal_later(
    kg_peer, jp_kg, jp_registrar, tmp_path, monkeypatch
):
    monkeypatch.setattr(support_federation, "PART", 5)
    rows = samples.make_rows(12)
    record = _import(jp_registrar, jp_kg, rows, tmp_path / "a.xlsx")
    parts = list(Envelope.objects.filter(kind=KIND).order_by("sequence"))
    assert [(p.payload["part"], p.payload["parts"]) for p in parts] == [(1, 3), (2, 3), (3, 3)]
    sent = [row for p in parts for row in p.payload["organizations"]]
    assert sorted(r["registration_number"] for r in sent) == sorted(
        r["registration_number"] for r in rows
    )
    assert parts[0].payload["import"]["id"] == str(record.pk)
    assert "jp_registrar" not in json.dumps([p.payload for p in parts])

    gone = rows[3]
    _import(jp_registrar, jp_kg, [r for r in rows if r is not gone], tmp_path / "b.xlsx")
    [later] = Envelope.objects.filter(kind=KIND).order_by("-sequence")[:1]
    [removed] = later.payload["organizations"]
    assert (removed["registration_number"], removed["listed"]) == (
        gone["registration_number"],
        False,
    )
    assert removed["version"] == 2


def test_an_unchanged_list_sends_nothing(kg_peer, jp_kg, jp_registrar, tmp_path):
    rows = samples.make_rows(3)
    _import(jp_registrar, jp_kg, rows, tmp_path / "a.xlsx")
    _import(jp_registrar, jp_kg, rows, tmp_path / "b.xlsx")
    assert Envelope.objects.filter(kind=KIND).count() == 1


# --- on the Kyrgyz node, which publishes the list Japan shares -----------------------------


@pytest.fixture
def japan(settings: Any, jp_kg: Any) -> PeerNode:
    settings.HOSTED_SIDES = [("jp-kg", "kg")]
    node = PeerNode(side="JP", to_side="KG")
    federation.add_peer(
        actor=None,
        framework=jp_kg,
        side=Side.objects.get(code="JP"),
        base_url="https://jp.example.test",
        public_key=node.key.public.raw_base64,
    )
    return node


def _row(values: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    row = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in values.items()}
    return {
        **row,
        "version": 1,
        "listed": True,
        "delisted_at": None,
        "content_hash": "0" * 64,
        **overrides,
    }


def _notice(rows: list[dict[str, Any]], import_id: str | None = None) -> dict[str, Any]:
    return {
        "import": {
            "id": import_id or str(uuid.uuid4()),
            "from_agency": JP_AGENCY,
            "created_at": "2026-12-01T09:00:00Z",
            "finished_at": "2026-12-01T09:00:05Z",
            "published_at": "2026-12-01T09:00:05Z",
            "file_name": "list.xlsx",
            "file_sha256": "a" * 64,
            "file_size": 1000,
            "edition": "en",
            "rows_total": len(rows),
            "added": len(rows),
            "removed": 0,
            "changed": 0,
        },
        "part": 1,
        "parts": 1,
        "organizations": rows,
        "communication": None,
    }


def _verify(q: str) -> dict[str, Any]:
    answer: dict[str, Any] = Client().get("/api/v1/public/kg/verify", {"q": q}).json()
    return answer


def test_an_arriving_list_is_published_on_the_kyrgyz_portal(japan, client):
    rows = samples.make_rows(4)
    answer, _data = post_notice(japan, client, KIND, _notice([_row(r) for r in rows]))
    assert answer.status_code == 200, answer.content
    record = SupportImport.objects.get()
    assert (record.imported_by, record.published_at is not None) == (None, True)
    assert SupportOrganization.objects.filter(originator_side__code="JP").count() == 4
    page = Client().get("/portal/kg/support-organizations/").content.decode()
    assert rows[0]["name"] in page
    verdict = _verify(rows[1]["registration_number"])
    assert verdict["found"] and verdict["entries"][0]["good"]


def test_a_removal_updates_the_copy_once_and_an_older_row_does_not_undo_it(japan, client):
    rows = samples.make_rows(2)
    post_notice(japan, client, KIND, _notice([_row(r) for r in rows]))
    number = rows[0]["registration_number"]
    removal = _notice([_row(rows[0], version=2, listed=False, delisted_at="2026-12-05T09:00:00Z")])
    answer, data = post_notice(japan, client, KIND, removal)
    assert answer.status_code == 200
    assert japan.post(client, data).status_code == 200  # redelivered
    post_notice(japan, client, KIND, _notice([_row(rows[0])]))  # an older row, late
    org = SupportOrganization.objects.get(registration_number=number)
    assert (org.listed, org.version) == (False, 2)
    assert SupportImport.objects.count() == 3
    assert number not in Client().get("/portal/kg/support-organizations/").content.decode()


def test_a_row_of_an_unknown_organization_is_taken_as_it_comes(japan, client):
    rows = samples.make_rows(1)
    answer, _data = post_notice(japan, client, KIND, _notice([_row(rows[0], version=7)]))
    assert answer.status_code == 200
    assert SupportOrganization.objects.get().version == 7


def test_a_list_with_an_organization_without_a_name_is_refused(japan, client):
    rows = samples.make_rows(1)
    answer, _data = post_notice(japan, client, KIND, _notice([_row(rows[0], name="")]))
    assert (answer.status_code, answer.json()["code"]) == (422, "unprocessable")
    assert not SupportOrganization.objects.exists() and not SupportImport.objects.exists()
