"""Foreign names in katakana, read back into Latin letters as Japanese offices wrote them.

A Japanese office writes Асанов Бакыт as アサノフ・バキト: each consonant takes the vowel
after it, or a *support vowel* when none follows (u after most consonants, o after t and
d), -ов / -ев becomes -オフ / -エフ, л and р both become the r row, в is ヴ or ブ, long
vowels may or may not get ー. `reading` undoes this convention: support vowels are dropped
where a consonant or the end of the word follows (ア-サ-ノ-フ → asanov, バ-キ-ト → bakit),
オフ / エフ at the end of a word are read -ov / -ev, ー and ッ are ignored. The reading then
goes through the same skeleton as every other spelling (`translit.skeleton`, where l and r,
ti and chi meet), so ジュマバエフ meets Жумабаев and Jumabaev in either direction.

The Hepburn reading of the same katakana (pykakasi, `japanese.py`) is kept as well: a
katakana word may be a Japanese name (ヤマダ) as well as a foreign one, and the index files
both readings.

Why a rule table and not PyICU's Katakana-Latin transliterator: ICU gives the Hepburn-like
reading (アサノフ → asanofu), which pykakasi already gives, and does not undo the support
vowels or the -フ convention, which is what matching a foreign name needs.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Each katakana letter: (consonant, vowel). Small letters and digraphs are read below.
_ROWS = {
    "": "アイウエオ", "k": "カキクケコ", "g": "ガギグゲゴ", "s": "サシスセソ", "z": "ザジズゼゾ",
    "t": "タチツテト", "d": "ダヂヅデド", "n": "ナニヌネノ", "h": "ハヒフヘホ", "b": "バビブベボ",
    "p": "パピプペポ", "m": "マミムメモ", "r": "ラリルレロ",
}  # fmt: skip
_VOWELS = "aiueo"
_KANA: dict[str, tuple[str, str]] = {}
for _consonant, _letters in _ROWS.items():
    for _vowel, _letter in zip(_VOWELS, _letters, strict=True):
        _KANA[_letter] = (_consonant, _vowel)
_KANA.update({
    "ヤ": ("y", "a"), "ユ": ("y", "u"), "ヨ": ("y", "o"), "ワ": ("v", "a"), "ヲ": ("", "o"),
    "シ": ("sh", "i"), "チ": ("ch", "i"), "ツ": ("ts", "u"), "ジ": ("j", "i"), "ヂ": ("j", "i"),
    "ヅ": ("z", "u"), "フ": ("f", "u"), "ヴ": ("v", "u"),
})  # fmt: skip
# Digraphs: a letter and a small vowel or glide.
_DIGRAPHS = {
    "ティ": ("t", "i"), "ディ": ("d", "i"), "トゥ": ("t", "u"), "ドゥ": ("d", "u"),
    "ファ": ("f", "a"), "フィ": ("f", "i"), "フェ": ("f", "e"), "フォ": ("f", "o"),
    "ヴァ": ("v", "a"), "ヴィ": ("v", "i"), "ヴェ": ("v", "e"), "ヴォ": ("v", "o"),
    "ウィ": ("v", "i"), "ウェ": ("v", "e"), "ウォ": ("v", "o"), "シェ": ("sh", "e"),
    "ジェ": ("j", "e"), "チェ": ("ch", "e"), "ツァ": ("ts", "a"), "ツィ": ("ts", "i"),
    "ツェ": ("ts", "e"), "ツォ": ("ts", "o"), "イェ": ("y", "e"), "クァ": ("k", "a"),
    "グァ": ("g", "a"), "スィ": ("s", "i"), "ズィ": ("z", "i"), "テュ": ("t", "yu"),
    "デュ": ("d", "yu"), "フュ": ("f", "yu"), "ヴュ": ("v", "yu"),
    "ブィ": ("b", "i"), "ムィ": ("m", "i"), "ルィ": ("r", "i"), "ヌィ": ("n", "i"),
    "クィ": ("k", "i"), "ドィ": ("d", "i"), "トィ": ("t", "i"),
}  # fmt: skip
_GLIDES = {"ャ": "a", "ュ": "u", "ョ": "o"}
_SMALL_VOWELS = {"ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o"}
# The vowel a consonant takes when no vowel follows it in the foreign word.
_SUPPORT = {
    "k": "u", "g": "u", "s": "u", "z": "u", "f": "u", "b": "u", "p": "u", "m": "u",
    "r": "u", "v": "u", "h": "u", "ts": "u", "t": "o", "d": "o", "sh": "u", "j": "u",
    "ch": "i",
}  # fmt: skip
_KATAKANA_WORD = re.compile(r"^[\u30a0-\u30ff\uff66-\uff9f]+$")


def is_katakana(word: str) -> bool:
    """True for a word written in katakana only (with ー, ・ or small letters)."""
    return bool(_KATAKANA_WORD.match(word))


def _morae(word: str) -> list[tuple[str, str, bool]]:
    """The word as (consonant, vowel, long) triples; ン is ("n", ""), ッ and ・ are dropped,
    ー marks the vowel before it as long."""
    out: list[tuple[str, str, bool]] = []
    i = 0
    while i < len(word):
        pair = word[i : i + 2]
        letter = word[i]
        nxt = word[i + 1 : i + 2]
        mora: tuple[str, str] | None = None
        if pair in _DIGRAPHS:
            mora = _DIGRAPHS[pair]
            i += 1
        elif letter == "ン":
            mora = ("n", "")
        elif letter in _KANA:
            consonant, vowel = _KANA[letter]
            if nxt in _GLIDES:  # キャ kya, シャ sha, チュ chu
                glide = "" if consonant in ("sh", "ch", "j") else "y"
                mora = (consonant + glide, _GLIDES[nxt])
                i += 1
            elif nxt in _SMALL_VOWELS:  # a letter and a small vowel not in the table
                mora = (consonant, _SMALL_VOWELS[nxt])
                i += 1
            else:
                mora = (consonant, vowel)
        elif letter in _SMALL_VOWELS:
            mora = ("", _SMALL_VOWELS[letter])
        elif letter in _GLIDES:
            mora = ("y", _GLIDES[letter])
        elif letter == "ー" and out:
            out[-1] = (out[-1][0], out[-1][1], True)
        if mora is not None:
            out.append((mora[0], mora[1], False))
        i += 1
    return out


def _starts_cluster(following: tuple[str, str, bool] | None, consonant: str) -> bool:
    """Whether the next mora begins with a consonant that the support vowel stood before."""
    if following is None:
        return True
    start, vowel, _long = following
    if start in ("", "y") or (start == "n" and not vowel):
        return False  # a vowel, a glide or ン follows: the vowel before it is real
    if consonant in ("t", "d"):  # ト, ド: only before r, j, ch (Dmitriy, Oguljan)
        return start in ("r", "j", "ch")
    return True


@lru_cache(maxsize=65536)
def reading(word: str) -> str:
    """A katakana word read as the foreign name it renders: アサノフ → asanov.

    Support vowels are dropped from the right: one is dropped when a consonant (or the
    end) follows and the next mora keeps its own vowel, so two support vowels in a row
    (ズルラ, Faizulla) drop only the second, and a consonant cluster of three is not made.
    """
    morae = _morae(word)
    dropped = [False] * len(morae)
    out: list[str] = [""] * len(morae)
    for at in range(len(morae) - 1, -1, -1):
        consonant, vowel, long = morae[at]
        last = at == len(morae) - 1
        following = None if last else morae[at + 1]
        if (
            consonant == "f"
            and vowel == "u"
            and at > 0
            and morae[at - 1][1] in ("o", "e")
            and _starts_cluster(following, consonant)
        ):
            out[at], dropped[at] = "v", True  # -オフ, -エフ: the Russian -ов, -ев
            continue
        support = _SUPPORT.get(consonant) == vowel and not long
        initial_ok = at > 0 or consonant in ("s", "sh") or (following or ("", "", False))[0] == "r"
        if (
            support
            and initial_ok
            and _starts_cluster(following, consonant)
            and (last or not dropped[at + 1])
        ):
            out[at], dropped[at] = consonant, True  # バキト → bakit, スミルノフ → smirnov
            continue
        out[at] = consonant + vowel
    return "".join(out)
