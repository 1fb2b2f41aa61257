"""Moving a hosted side to a node of its own: `side export` here, `side import` on a new node,
`side release` here (docs/federation.md, "Moving a hosted side to its own node")."""

from __future__ import annotations

import json
import uuid
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from sswbridge.accounts.models import ApiToken, Role, User
from sswbridge.audit.models import AuditEntry
from sswbridge.cases import services as cases
from sswbridge.cases.models import Case, Evidence, Note
from sswbridge.core import nodekey
from sswbridge.core.models import Marking
from sswbridge.demo.loader import load_demo
from sswbridge.exchange.models import Attachment, Communication
from sswbridge.federation.models import ImportedAuditEntry, SideImport
from sswbridge.federation.sidemove import archive, collect, loading
from sswbridge.frameworks.models import Side
from tests.helpers.factories import jp_kg
from tests.helpers.nodes import SECRET, Node, as_json, node_database
from tests.helpers.ops import clean_env, run

ABOUT_A_USER = {"exchange.notification", "otp_totp.totpdevice", "accounts.apitoken"}
MEMO = b"%PDF-1.4\n% kg internal memo\n%%EOF\n"


def _case(user: User, title: str, marking: str) -> Case:
    return cases.open_case(
        actor=user, framework=jp_kg(), title=title, subject_type="other", marking=marking
    )


@pytest.fixture
def both_sides(db: Any) -> dict[str, Any]:
    """The demo data of both sides, a case each side keeps to itself (kg's with a note and a
    file), a case of Japan's shared with kg, and a token of a kg user."""
    load_demo()
    kg_user = User.objects.filter(agency__side__code="KG", role=Role.CONTACT_POINT).first()
    jp_user = User.objects.filter(agency__side__code="JP", role=Role.CONTACT_POINT).first()
    assert kg_user is not None and jp_user is not None
    kg_own = _case(kg_user, "Kyrgyz internal review", Marking.SIDE)
    cases.add_note(actor=kg_user, case=kg_own, text="internal")
    cases.add_evidence(
        actor=kg_user,
        case=kg_own,
        uploaded_file=SimpleUploadedFile("memo.pdf", MEMO, "application/pdf"),
    )
    jp_own = _case(jp_user, "Japanese internal review", Marking.SIDE)
    shared = _case(jp_user, "Joint review", Marking.BOTH)
    _raw, values = ApiToken.generate()
    ApiToken.objects.create(user=kg_user, name="kg", **values)
    return {"kg_own": kg_own, "jp_own": jp_own, "shared": shared, "kg_user": kg_user}


def _export(tmp_path: Path) -> Path:
    out = tmp_path / "kg.zip"
    call_command("side", "export", "--framework", "jp-kg", "--side", "kg", "--out", str(out))
    return out


def _records(path: Path) -> list[dict[str, Any]]:
    with zipfile.ZipFile(path) as z:
        return json.loads(z.read("records.json"))  # type: ignore[no-any-return]


def test_export_carries_the_sides_rows_and_not_japans_own(
    both_sides: dict[str, Any], tmp_path: Path
) -> None:
    path = _export(tmp_path)
    data = archive.read(path, {nodekey.current().key_id})
    rows = {(r["model"], str(r["pk"])): r for r in _records(path)}
    roles = {key: row["role"] for key, row in rows.items()}

    assert roles[("cases.case", str(both_sides["kg_own"].pk))] == collect.OWN
    assert roles[("cases.case", str(both_sides["shared"].pk))] == collect.SHARED
    assert ("cases.case", str(both_sides["jp_own"].pk)) not in roles
    note = Note.objects.get(case=both_sides["kg_own"])
    assert roles[("cases.note", str(note.pk))] == collect.OWN
    # Every communication of jp-kg between the sides travels (both sides hold them).
    shared_comms = Communication.objects.filter(framework=jp_kg()).exclude(
        marking__in=[Marking.AGENCY, Marking.SIDE]
    )
    assert shared_comms.exists()
    for comm in shared_comms:
        assert roles[("exchange.communication", str(comm.pk))] == collect.SHARED
    # A communication sent to the other side is held by both, whatever its marking
    # (the exchange says so: `registry.shared`).
    sent_unshared = Communication.objects.filter(
        framework=jp_kg(), status="sent", marking__in=[Marking.AGENCY, Marking.SIDE]
    )
    assert sent_unshared.exists()
    for comm in sent_unshared:
        assert roles[("exchange.communication", str(comm.pk))] == collect.SHARED
    # The side's users with their password hashes; Japan's users only as stubs.
    kg_users = User.objects.filter(agency__side__code="KG")
    for user in kg_users:
        row = rows[("accounts.user", str(user.pk))]
        assert row["role"] == collect.OWN and row["fields"]["password"] == user.password
    for key, row in rows.items():
        if key[0] == "accounts.user" and row["role"] == collect.REFERENCE:
            assert row["stub"] and row["fields"]["is_active"] is False
            assert row["fields"]["password"] != User.objects.get(pk=row["pk"]).password
            assert User.objects.get(pk=row["pk"]).agency.side.code == "JP"
    token = ApiToken.objects.get(user=both_sides["kg_user"])
    assert rows[("accounts.apitoken", str(token.pk))]["fields"]["key_hash"] == token.key_hash
    # What is about one user moves only for the side's users; node-local tables never move.
    kg_ids = set(kg_users.values_list("pk", flat=True))
    about_users = [r for r in rows.values() if r["model"] in ABOUT_A_USER]
    assert about_users and all(r["fields"]["user"] in kg_ids for r in about_users)
    assert not {name for name, _pk in rows if name.split(".")[0] in {"federation", "sessions"}}
    assert not {name for name, _pk in rows} & {"core.job", "audit.auditentry"}
    # Files by their SHA-256; the audit entries about the rows, with their signatures.
    evidence = Evidence.objects.get(case=both_sides["kg_own"])
    digest = rows[("cases.evidence", str(evidence.pk))]["files"]["file"]
    assert data.members[f"files/{digest}"] == MEMO
    about_entries = data.json("audit.json")
    about = {(e["object_type"], e["object_id"]) for e in about_entries}
    assert ("cases.case", str(both_sides["kg_own"].pk)) in about
    assert ("cases.case", str(both_sides["jp_own"].pk)) not in about
    assert all(e["signature"] for e in about_entries)
    exported = AuditEntry.objects.get(action="federation.side_exported")
    assert exported.changes["manifest_sha256"] == data.digest

    # The audit entries travel as their node wrote them; any change shows.
    entries = [loading.entry_values(raw) for raw in data.json("audit.json")]
    keys = data.public_keys()
    loading.check_history(entries, keys)  # as exported: every entry holds

    changed = [dict(e) for e in entries]
    changed[3]["changes"] = {"title": ["forged", "forged"]}
    with pytest.raises(archive.ArchiveError, match="does not match its hash"):
        loading.check_history(changed, keys)
    with pytest.raises(archive.ArchiveError, match="not signed by the exporting node"):
        loading.check_history(entries, {})

    # Kept on the new node, the history can be checked again later against the keys that
    # came with it; a row changed in the database no longer holds.
    done = SideImport.objects.create(
        framework_code="jp-kg",
        side_code="KG",
        source_key_id=data.manifest["key_id"],
        source_keys=data.manifest["keys"],
        manifest_sha256=data.digest,
    )
    ImportedAuditEntry.objects.bulk_create(
        ImportedAuditEntry(side_import=done, **values) for values in entries
    )
    loading.verify_imported(done)
    ImportedAuditEntry.objects.filter(side_import=done, seq=entries[0]["seq"]).update(
        actor_label="someone else"
    )
    with pytest.raises(archive.ArchiveError, match="does not match its hash"):
        loading.verify_imported(done)


def test_a_tampered_archive_or_another_key_is_refused(
    both_sides: dict[str, Any], tmp_path: Path
) -> None:
    path = _export(tmp_path)
    own = nodekey.current().key_id
    with pytest.raises(CommandError, match="not by the expected node"):
        call_command("side", "import", "--in", str(path), "--expect-key", "ab" * 32)
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(tampered, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "records.json":
                data = data.replace(b"Kyrgyz internal review", b"Kyrgyz internal reviex")
            target.writestr(name, data)
    with pytest.raises(archive.ArchiveError, match=r"records\.json does not match"):
        archive.read(tampered, {own})
    # A manifest rewritten to match is no longer the one signed.
    forged = tmp_path / "forged.zip"
    with zipfile.ZipFile(tampered) as source, zipfile.ZipFile(forged, "w") as target:
        manifest = json.loads(source.read("manifest.json"))
        for item in manifest["files"]:
            if item["path"] == "records.json":
                records = source.read("records.json")
                item.update(sha256=archive.sha256(records), size=len(records))
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, json.dumps(manifest) if name == "manifest.json" else data)
    with pytest.raises(archive.ArchiveError, match="signature does not verify"):
        archive.read(forged, {own})
    # This node is not empty: an import here is refused even with the right key.
    with pytest.raises(CommandError, match="empty node only"):
        call_command("side", "import", "--in", str(path), "--expect-key", nodekey.grouped(own))


def test_release_removes_the_sides_own_rows_and_keeps_what_japan_shares(
    both_sides: dict[str, Any], tmp_path: Path
) -> None:
    path = _export(tmp_path)
    kg_comms = set(Communication.objects.filter(originator_side__code="KG").values_list("pk"))
    attachments = Attachment.objects.count()
    call_command("side", "release", "--in", str(path))

    assert not Case.objects.filter(pk=both_sides["kg_own"].pk).exists()
    assert not Note.objects.filter(case_id=both_sides["kg_own"].pk).exists()
    assert Case.objects.filter(pk=both_sides["jp_own"].pk).exists()
    assert Case.objects.filter(pk=both_sides["shared"].pk).exists()
    assert set(Communication.objects.filter(originator_side__code="KG").values_list("pk")) == (
        kg_comms
    )
    assert Attachment.objects.count() == attachments
    kg_users = User.objects.filter(agency__side=Side.objects.get(code="KG"))
    assert kg_users.exists()
    assert not kg_users.filter(is_active=True).exists()
    assert not any(user.has_usable_password() for user in kg_users)
    assert not ApiToken.objects.filter(user__in=kg_users).exists()
    assert User.objects.filter(agency__side__code="JP", is_active=True).exists()
    entry = AuditEntry.objects.get(action="federation.side_released")
    assert entry.changes["deleted"]["cases.case"] == 1


def _ids(rows: list[tuple[Any, ...]]) -> set[str]:
    return {str(uuid.UUID(str(value))) for (value,) in rows}


@pytest.mark.slow
def test_the_new_node_imports_the_side_whole(both_sides: dict[str, Any], tmp_path: Path) -> None:
    """The archive goes into a new node's own database (a SQLite file, or a PostgreSQL database
    of its own when the suite runs on PostgreSQL) by the real command."""
    path = _export(tmp_path)
    folder = tmp_path / "kg-node"
    folder.mkdir()
    env = clean_env(
        folder,
        SSWBRIDGE_SECRET_KEY=SECRET,
        SSWBRIDGE_HOSTED_SIDES="jp-kg:kg",
        SSWBRIDGE_DATABASE_URL=node_database(folder),
        SSWBRIDGE_NODE_KEY_FILE=str(folder / "node_key.pem"),
        SSWBRIDGE_CHECKPOINT_DIR=str(folder / "checkpoints"),
    )
    node = Node(folder, env, 0)
    try:
        node.command("migrate", "-v0")
        node.command("keys", "generate")
        wrong = run(["side", "import", "--in", str(path), "--expect-key", "0" * 64], env, folder)
        assert wrong.returncode != 0 and "not by the expected node" in wrong.stderr
        expect = nodekey.grouped(nodekey.current().key_id)
        done = node.command("side", "import", "--in", str(path), "--expect-key", expect)
        assert "peer add --framework jp-kg --side jp" in done.stdout

        kg_users = {
            (u.pk, u.username, u.password) for u in User.objects.filter(agency__side__code="KG")
        }
        there = node.query("SELECT id, username, password FROM accounts_user WHERE is_active")
        assert set(there) == kg_users
        stubs = node.query("SELECT password FROM accounts_user WHERE NOT is_active")
        assert stubs and all(password.startswith("!") for (password,) in stubs)
        token = ApiToken.objects.get(user=both_sides["kg_user"])
        assert node.query("SELECT key_hash FROM accounts_apitoken") == [(token.key_hash,)]
        assert len(node.query("SELECT id FROM otp_totp_totpdevice")) == len(kg_users)

        cases_there = _ids(node.query("SELECT id FROM cases_case"))
        assert str(both_sides["kg_own"].pk) in cases_there
        assert str(both_sides["shared"].pk) in cases_there
        assert str(both_sides["jp_own"].pk) not in cases_there
        exported = {r["pk"] for r in _records(path) if r["model"] == "exchange.communication"}
        assert _ids(node.query("SELECT id FROM exchange_communication")) == exported
        assert exported >= {
            str(pk)
            for pk in Communication.objects.filter(status="sent").values_list("pk", flat=True)
        }

        evidence = Evidence.objects.get(case=both_sides["kg_own"])
        assert (folder / "var" / "media" / evidence.file.name).read_bytes() == MEMO

        entries = archive.read(path, {nodekey.current().key_id}).json("audit.json")
        imported = node.query("SELECT seq, entry_hash FROM federation_importedauditentry")
        assert sorted(imported) == sorted((e["seq"], e["entry_hash"]) for e in entries)
        summary = node.query(
            "SELECT changes FROM audit_auditentry WHERE action = 'federation.side_imported'"
        )
        assert [as_json(changes)["rows"] for (changes,) in summary] == [len(_records(path))]
        node.command("verify-audit")
        # A user made on the new node takes a number after the imported ones.
        node.command(
            "createuser",
            "--agency",
            "kg-ceca",
            "--role",
            "officer",
            "--email",
            "new@kg.example",
            "--password",
            "a long new password 42",
        )
        [(new_id,)] = node.query("SELECT id FROM accounts_user WHERE username = 'new'")
        assert new_id > max(pk for (pk, _name, _password) in there)
    finally:
        node.drop()
