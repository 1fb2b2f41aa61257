"""The ja, ru and ky message files are complete and compiled for every string that exists."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "src" / "sswbridge" / "locale"
LANGS = ["ja", "ru", "ky"]


def parse_po(path: Path) -> list[dict[str, object]]:
    """A minimal reader of .po files: msgctxt, msgid, msgid_plural, msgstr[*], flags."""
    entries: list[dict[str, object]] = []
    current: dict[str, object] = {}
    key = ""

    def flush() -> None:
        if "msgid" in current:
            entries.append(dict(current))
        current.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#,"):
            if "msgid" in current:
                flush()
            current["flags"] = line[2:].strip()
        elif line.startswith("#~"):
            continue
        elif line.startswith("msgctxt "):
            if "msgid" in current:
                flush()
            key = "msgctxt"
            current[key] = ast.literal_eval(line[8:])
        elif line.startswith("msgid "):
            if "msgid" in current:
                flush()
            key = "msgid"
            current[key] = ast.literal_eval(line[6:])
        elif line.startswith("msgid_plural "):
            key = "msgid_plural"
            current[key] = ast.literal_eval(line[13:])
        elif line.startswith("msgstr"):
            head, _, value = line.partition(" ")
            key = head
            current[key] = ast.literal_eval(value)
        elif line.startswith('"') and key:
            current[key] = str(current[key]) + ast.literal_eval(line)
    flush()
    return [e for e in entries if e["msgid"] != ""]


@pytest.mark.parametrize("lang", LANGS)
def test_message_file_is_complete(lang):
    entries = parse_po(LOCALE / lang / "LC_MESSAGES" / "django.po")
    assert entries, "no messages"
    missing = [
        e["msgid"]
        for e in entries
        if "fuzzy" in str(e.get("flags", ""))
        or not all(v for k, v in e.items() if k.startswith("msgstr"))
    ]
    assert missing == []


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalog_matches_the_message_file(lang):
    po = parse_po(LOCALE / lang / "LC_MESSAGES" / "django.po")
    with (LOCALE / lang / "LC_MESSAGES" / "django.mo").open("rb") as fh:
        catalog = gettext.GNUTranslations(fh)
    for entry in po:
        msgid = str(entry["msgid"])
        context = entry.get("msgctxt")
        if "msgid_plural" in entry:
            plural = str(entry["msgid_plural"])
            got = (
                catalog.npgettext(str(context), msgid, plural, 1)
                if context
                else catalog.ngettext(msgid, plural, 1)
            )
            assert got == entry["msgstr[0]"], msgid
        else:
            got = catalog.pgettext(str(context), msgid) if context else catalog.gettext(msgid)
            assert got == entry["msgstr"], msgid


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "expected"),
    [("ja", "ログイン"), ("ru", "Вход"), ("ky", "Кирүү")],
)
def test_sign_in_page_speaks_the_chosen_language(lang, expected):
    client = Client()
    client.post("/i18n/setlang/", {"language": lang, "next": "/"})
    body = client.get("/accounts/login/").content.decode()
    assert f'lang="{lang}"' in body
    assert expected in body
