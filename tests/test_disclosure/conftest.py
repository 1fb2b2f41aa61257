from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfReader

from sswbridge.accounts.models import Role
from sswbridge.disclosure import services
from tests import factories

SECRET_BODY = "Свидетель Асанов Үмүт ңөү 山田太郎 SECRET-BODY-7731"
NAMES = "ОсОО Ак-Жол Тревел; 株式会社さくら"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def jp_cp(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("isa", Role.CONTACT_POINT, username="jp_cp")


@pytest.fixture
def jp_officer(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("isa", Role.OFFICER, username="jp_officer")


@pytest.fixture
def kg_cp(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("kg-ceca", Role.CONTACT_POINT, username="kg_cp")


@pytest.fixture
def kg_officer(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("kg-ceca", Role.OFFICER, username="kg_officer")


@pytest.fixture
def received(kg_cp, jp_kg):  # type: ignore[no-untyped-def]
    """A share from the Kyrgyz side, received by Japan, with two attachments (one withheld
    would be on a second share)."""
    return factories.make_communication(
        jp_kg,
        sender=kg_cp,
        kind="intermediary_share",
        subject="Посредник Ак-Жол: 日本の受入れ機関",
        body=f"<p>{SECRET_BODY}</p>",
        payload={"intermediary_names": NAMES, "acts": ["money_or_property"]},
        attachments=[SimpleUploadedFile("evidence.pdf", PDF, content_type="application/pdf")],
    )


def file_request(actor: Any, communication: Any, fields: list[str], files: list[str] = ()) -> Any:  # type: ignore[assignment]
    return services.file_request(
        actor=actor,
        third_party_type="prosecutor",
        third_party_name="Tokyo District Public Prosecutors Office / 東京地方検察庁",
        purpose="Criminal investigation of the intermediary",
        items=[
            {
                "kind": "communication",
                "id": str(communication.pk),
                "fields": fields,
                "files": list(files),
            }
        ],
    )


def in_a_month() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=30)


def unpack(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def pdf_pages(data: bytes) -> list[str]:
    return ["".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def squash(text: str) -> str:
    return "".join(text.split())


__all__ = ["json"]
