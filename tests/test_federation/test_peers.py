"""Registering peers and keeping their keys: the services, `sswbridge peer` and the
administrator's page."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from sswbridge.accounts.models import Role
from sswbridge.audit.models import AuditEntry
from sswbridge.core import nodekey
from sswbridge.federation import services
from sswbridge.federation.keys import parse_public_key
from sswbridge.federation.models import Peer, PeerKey
from sswbridge.frameworks.models import Side
from tests.helpers import factories
from tests.helpers.federation import new_key

pytestmark = pytest.mark.django_db


def _kg() -> Side:
    return Side.objects.get(code="KG")


def test_a_key_is_read_from_base64_or_pem_and_named_by_its_fingerprint():
    key = new_key().public
    assert parse_public_key(key.raw_base64).key_id == key.key_id
    assert parse_public_key(key.pem().decode()).key_id == key.key_id
    assert key.key_id == nodekey.fingerprint(key.key)
    for bad in ("hello", "AAAA", "-----BEGIN PUBLIC KEY-----\nxx\n-----END PUBLIC KEY-----"):
        with pytest.raises(ValidationError):
            parse_public_key(bad)


def test_add_peer_records_it_with_its_key_and_an_audit_entry(jp_kg, japan_node):
    key = new_key().public
    peer = services.add_peer(
        actor=None,
        framework=jp_kg,
        side=_kg(),
        base_url="https://kg.example.test/",
        public_key=key.raw_base64,
        os_user="ops",
    )
    assert peer.base_url == "https://kg.example.test"
    assert peer.envelopes_url == "https://kg.example.test/federation/v1/envelopes"
    assert list(peer.keys.values_list("key_id", flat=True)) == [key.key_id]
    entry = AuditEntry.objects.get(action="federation.peer_added")
    assert entry.changes["key_id"] == key.key_id and entry.changes["os_user"] == "ops"
    assert (entry.framework_code, entry.side_code) == ("jp-kg", "JP")


def test_add_peer_refuses_a_hosted_side_a_stranger_side_and_a_second_peer(jp_kg, jp_uz, settings):
    key = new_key().public.raw_base64
    settings.HOSTED_SIDES = []
    with pytest.raises(ValidationError, match="hosts"):
        services.add_peer(
            actor=None, framework=jp_kg, side=_kg(), base_url="https://a.test", public_key=key
        )
    settings.HOSTED_SIDES = [("jp-uz", "uz")]
    with pytest.raises(ValidationError, match="hosts no side"):
        services.add_peer(
            actor=None, framework=jp_kg, side=_kg(), base_url="https://a.test", public_key=key
        )
    settings.HOSTED_SIDES = [("", "jp")]
    with pytest.raises(ValidationError, match="not a side"):
        services.add_peer(
            actor=None,
            framework=jp_kg,
            side=Side.objects.get(code="UZ"),
            base_url="https://a.test",
            public_key=key,
        )
    services.add_peer(
        actor=None, framework=jp_kg, side=_kg(), base_url="https://a.test", public_key=key
    )
    with pytest.raises(ValidationError, match="already"):
        services.add_peer(
            actor=None, framework=jp_kg, side=_kg(), base_url="https://b.test", public_key=key
        )
    with pytest.raises(ValidationError):
        services.add_peer(
            actor=None,
            framework=jp_uz,
            side=Side.objects.get(code="UZ"),
            base_url="ftp://x",
            public_key=key,
        )


def test_rotation_keeps_the_old_key_for_the_overlap_and_revocation_is_immediate(jp_kg, japan_node):
    old, new = new_key().public, new_key().public
    peer = services.add_peer(
        actor=None,
        framework=jp_kg,
        side=_kg(),
        base_url="https://a.test",
        public_key=old.raw_base64,
    )
    services.rotate_key(
        actor=None, peer=peer, public_key=new.raw_base64, overlap=dt.timedelta(hours=2)
    )
    now = timezone.now()
    rows = {row.key_id: row for row in PeerKey.objects.all()}
    assert rows[old.key_id].accepted(now) and rows[new.key_id].accepted(now)
    assert not rows[old.key_id].accepted(now + dt.timedelta(hours=3))
    assert rows[new.key_id].accepted(now + dt.timedelta(days=300))
    services.revoke_key(actor=None, key=rows[new.key_id])
    revoked = PeerKey.objects.get(key_id=new.key_id)
    assert not revoked.accepted(timezone.now()) and revoked.accepted(now - dt.timedelta(seconds=1))
    with pytest.raises(ValidationError):
        services.revoke_key(actor=None, key=revoked)
    actions = list(AuditEntry.objects.order_by("seq").values_list("action", flat=True))
    assert actions[-3:] == [
        "federation.peer_added",
        "federation.key_rotated",
        "federation.key_revoked",
    ]


def test_the_peer_command(jp_kg, japan_node, tmp_path):
    key, new = new_key().public, new_key().public
    pem = tmp_path / "kg.pem"
    pem.write_bytes(key.pem())
    out = io.StringIO()
    call_command(
        "peer",
        "add",
        "--framework",
        "jp-kg",
        "--side",
        "kg",
        "--url",
        "https://kg.test",
        "--key",
        str(pem),
        stdout=out,
    )
    assert nodekey.grouped(key.key_id) in out.getvalue()
    call_command(
        "peer",
        "rotate-key",
        "--framework",
        "jp-kg",
        "--side",
        "KG",
        "--key",
        new.raw_base64,
        "--overlap-hours",
        "1",
        stdout=out,
    )
    call_command("peer", "revoke-key", "--key-id", key.key_id, stdout=out)
    listing = io.StringIO()
    call_command("peer", "list", stdout=listing)
    text = listing.getvalue()
    assert nodekey.grouped(nodekey.current().key_id) in text and "hosts jp" in text
    assert f"{key.key_id} revoked" in text and f"{new.key_id} accepted" in text
    assert (
        AuditEntry.objects.filter(
            action__startswith="federation.", changes__has_key="os_user"
        ).count()
        == 3
    )
    with pytest.raises(CommandError):
        call_command("peer", "revoke-key", "--key-id", key.key_id)
    with pytest.raises(CommandError, match="already"):
        call_command(
            "peer",
            "add",
            "--framework",
            "jp-kg",
            "--side",
            "kg",
            "--url",
            "https://kg.test",
            "--key",
            new.raw_base64,
        )


def test_only_administrators_manage_peers(jp_kg, japan_node):
    page = "/federation/peers/"
    for role in (Role.OFFICER, Role.CONTACT_POINT, Role.AUDITOR, Role.REGISTRAR):
        client = factories.verified_client(factories.make_user("isa", role))
        assert client.get(page).status_code == 403
        assert client.post("/federation/peers/add/", {}).status_code == 403
    assert Client().get(page).status_code == 302  # to sign in
    admin = factories.verified_client(factories.make_user("isa", Role.ADMINISTRATOR))
    answer = admin.get(page)
    assert answer.status_code == 200
    assert nodekey.grouped(nodekey.current().key_id) in answer.content.decode()


def test_an_administrator_adds_a_peer_and_revokes_its_key(jp_kg, jp_uz, japan_node):
    admin = factories.verified_client(factories.make_user("isa", Role.ADMINISTRATOR))
    key = new_key().public
    answer = admin.post(
        "/federation/peers/add/",
        {
            "framework": "jp-kg",
            "side": "KG",
            "base_url": "https://kg.test",
            "public_key": key.raw_base64,
        },
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    row = Peer.objects.get().keys.get()
    assert key.key_id in admin.get("/federation/peers/").content.decode()
    bad = admin.post(
        "/federation/peers/add/",
        {"framework": "jp-kg", "side": "KG", "base_url": "https://kg.test", "public_key": "nope"},
    )
    assert bad.status_code == 400
    officer = factories.verified_client(factories.make_user("isa", Role.OFFICER))
    assert officer.post(f"/federation/keys/{row.pk}/revoke/").status_code == 403
    uz_admin = factories.verified_client(factories.make_user("uz-agency", Role.ADMINISTRATOR))
    assert uz_admin.post(f"/federation/keys/{row.pk}/revoke/").status_code == 404
    assert admin.post(f"/federation/keys/{row.pk}/revoke/").status_code == 302
    row.refresh_from_db()
    assert row.revoked_at is not None
    assert AuditEntry.objects.get(action="federation.key_revoked").actor_label


def test_the_page_alerts_about_a_peer_unreachable_too_long(jp_kg, japan_node):
    peer = services.add_peer(
        actor=None,
        framework=jp_kg,
        side=_kg(),
        base_url="https://a.test",
        public_key=new_key().public.raw_base64,
    )
    admin = factories.verified_client(factories.make_user("isa", Role.ADMINISTRATOR))
    assert 'role="alert"' not in admin.get("/federation/peers/").content.decode()
    Peer.objects.filter(pk=peer.pk).update(unreachable_since=timezone.now() - dt.timedelta(hours=2))
    assert 'role="alert"' in admin.get("/federation/peers/").content.decode()


def test_the_peer_command_asks_a_peer_to_resend(jp_kg, japan_node, monkeypatch):
    from sswbridge.federation import transport

    services.add_peer(
        actor=None,
        framework=jp_kg,
        side=_kg(),
        base_url="https://a.test",
        public_key=new_key().public.raw_base64,
    )
    monkeypatch.setattr(transport, "post", lambda *a, **k: transport.Answer(200, {"requeued": 4}))
    out = io.StringIO()
    call_command("peer", "ask-resend", "--framework", "jp-kg", "--side", "kg", stdout=out)
    assert "4" in out.getvalue()
    monkeypatch.setattr(
        transport, "post", lambda *a, **k: transport.Answer(401, {"code": "unknown_key"})
    )
    with pytest.raises(CommandError, match="unknown_key"):
        call_command("peer", "ask-resend", "--framework", "jp-kg", "--side", "kg")
