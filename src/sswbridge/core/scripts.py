"""Scripts (ISO 15924) and language tags (BCP 47) of names kept in several writings."""

from __future__ import annotations

import re
import unicodedata

from django.db import models
from django.utils.translation import gettext_lazy as _

LANGUAGE_TAG = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")


class Script(models.TextChoices):
    CYRILLIC = "Cyrl", _("Cyrillic")
    LATIN = "Latn", _("Latin")
    JAPANESE = "Jpan", _("Japanese (kanji and kana)")
    OTHER = "Zyyy", _("Other")


_PREFIXES = (
    ("CYRILLIC", Script.CYRILLIC),
    ("LATIN", Script.LATIN),
    ("CJK", Script.JAPANESE),
    ("HIRAGANA", Script.JAPANESE),
    ("KATAKANA", Script.JAPANESE),
)


def guess_script(text: str) -> str:
    """The script of most of the letters of `text`; Zyyy when none of the known ones."""
    counts: dict[str, int] = {}
    for char in text:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        script = next((s for prefix, s in _PREFIXES if name.startswith(prefix)), Script.OTHER)
        counts[script] = counts.get(script, 0) + 1
    if not counts:
        return str(Script.OTHER)
    return str(max(counts, key=lambda s: counts[s]))
