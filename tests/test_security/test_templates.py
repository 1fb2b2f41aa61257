"""Every template: a CSRF token in each form that posts, and nothing inline that the Content
Security Policy would refuse (script, event handlers, style)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import sswbridge

ROOT = Path(sswbridge.__file__).resolve().parent
TEMPLATES = sorted(p for p in ROOT.rglob("*.html") if "templates" in p.parts)

FORM = re.compile(r"<form\b[^>]*>", re.IGNORECASE)
POSTS = re.compile(r"""method\s*=\s*["']?post""", re.IGNORECASE)
TOKEN = re.compile(
    r"""\{%\s*csrf_token\s*%\}|name=["']csrfmiddlewaretoken["']\s+value=["']\{\{\s*csrf_token\s*\}\}"""
)
INLINE = {
    "inline <script>": re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.I),
    "event handler attribute": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I),
    "style attribute": re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I),
    "<style> block": re.compile(r"<style\b", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
}


def test_templates_are_found():
    assert len(TEMPLATES) > 50


def _posting_forms_without_token(text: str) -> list[str]:
    missing = []
    for match in FORM.finditer(text):
        if not POSTS.search(match.group(0)):
            continue
        end = text.find("</form>", match.end())
        body = text[match.end() : end if end != -1 else len(text)]
        if not TOKEN.search(body):
            missing.append(match.group(0))
    return missing


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_posting_form_has_a_csrf_token(path):
    assert _posting_forms_without_token(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_inline_script_or_style(path):
    text = path.read_text(encoding="utf-8")
    found = [name for name, pattern in INLINE.items() if pattern.search(text)]
    assert found == []


def test_the_scan_catches_a_form_without_a_token():
    text = '<form method="post" action="/x">{{ form }}</form><form method="get"></form>'
    assert _posting_forms_without_token(text) == ['<form method="post" action="/x">']


def test_the_scan_catches_inline_script_and_handlers():
    text = '<script>alert(1)</script><button onclick="x()"><p style="color:red">'
    assert [name for name, p in INLINE.items() if p.search(text)] == [
        "inline <script>",
        "event handler attribute",
        "style attribute",
    ]
