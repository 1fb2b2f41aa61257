"""Japanese names in Hepburn romaji: kanji by their reading, kana letter by letter.

pykakasi segments the text into words and gives each its Hepburn reading in the wapuro
style (long ō written "ou", as in とうきょう → toukyou). Passport romaji drops or writes the
long vowel differently (Tokyo, Ohno, Satoh); the skeleton of `translit` folds all of these,
so the reading here needs only one form. Half-width katakana was made full-width by NFKC
before it gets here.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

from sswbridge.screening.normalize import has_japanese, split

_lock = threading.Lock()
_kakasi: Any = None


def _converter() -> Any:
    global _kakasi
    if _kakasi is None:
        with _lock:
            if _kakasi is None:
                import pykakasi

                _kakasi = pykakasi.kakasi()  # type: ignore[no-untyped-call]
    return _kakasi


@lru_cache(maxsize=65536)
def romanize(folded: str) -> tuple[tuple[str, str], ...]:
    """The words of a folded text as (original, Hepburn reading) pairs.

    Japanese runs are cut into words by pykakasi's dictionary (山田商事 → 山田 yamada,
    商事 shouji); Latin and Cyrillic parts are cut at spaces and punctuation and kept.
    """
    words: list[tuple[str, str]] = []
    for segment in _converter().convert(folded):
        original = segment["orig"]
        if has_japanese(original):
            reading = segment["hepburn"].casefold()
            for part in split(reading):
                words.append((original, part))
        else:
            words.extend((word, word) for word in split(original))
    return tuple(words)


def hepburn(folded: str) -> str:
    """The Hepburn reading of a folded Japanese text, words separated by spaces."""
    return " ".join(reading for _original, reading in romanize(folded))
