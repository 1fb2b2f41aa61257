"""Requests for consent to disclose, and reading what a package or consent PDF holds."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from django.utils import timezone
from pypdf import PdfReader

from sswbridge.disclosure import services

SECRET_BODY = "Свидетель Асанов Үмүт ңөү 山田太郎 SECRET-BODY-7731"


NAMES = "ОсОО Ак-Жол Тревел; 株式会社さくら"


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


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
