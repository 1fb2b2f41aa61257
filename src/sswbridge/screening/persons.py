"""Forms of person names: surname gender endings, uulu/kyzy, patronymics.

Works on skeletons (see `translit.skeleton`), so a rule written once serves every script:

- gender endings fold to the masculine: Asanova → asanov, Ilyina → ilin, -skaya → -ski;
- a patronymic (-ovich, -evich, -ovna, -evna) is *optional*: it is compared only when both
  names have one ("Ivanov Ivan Petrovich" = "Ivanov Ivan");
- uulu / kyzy ("son / daughter of") make the father's name the family name, as the Russian
  form does: "Bakyt Asan uulu" = "Asanov Bakyt"; when the name already has a family name
  ("Asanov Bakyt uulu"), the marker is only dropped;
- word order is free: matching compares words, not positions.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

# Skeletons of the markers: uulu, kyzy (Kyrgyz), ogly / oglu / ugli (Turkic), uly (Kazakh);
# the skeleton writes l as r (katakana has one row for both).
MARKERS = frozenset({"uru", "kizi", "ogri", "ogru", "ugri", "uri"})
_VOWELS = set("aeiou")
_MIN_STEM = 3


@dataclass(frozen=True, slots=True)
class PersonForm:
    tokens: tuple[str, ...]  # core words
    origins: tuple[int, ...]  # the word each core token comes from
    optional: tuple[str, ...]  # patronymics
    optional_origins: tuple[int, ...]
    markers: tuple[int, ...]  # the words that were uulu / kyzy
    folded: tuple[int, ...]  # the words whose gender ending was folded
    fathers: tuple[int, ...]  # the words read as a father's name (before uulu / kyzy)


def _patronymic(word: str) -> str | None:
    """The masculine form of a patronymic, or None. A patronymic with a typo in its ending
    ("Nurlanoich", "Nurlaonvich") is still one, so that it stays optional."""
    for ending, stem_end in (("ovna", "ovich"), ("evna", "evich")):
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            return word[: -len(ending)] + stem_end
    if word.endswith(("vich", "vna", "ovic", "evic")) and len(word) >= 7:
        return word
    if word.endswith(("ich", "ichna")) and len(word) >= 8:
        return word
    return None


def _gender(word: str) -> str:
    for ending, folded in (("skaia", "ski"), ("ova", "ov"), ("eva", "ev"), ("ina", "in")):
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            return word[: -len(ending)] + folded
    return word


def family_from_father(name: str) -> str:
    """The Russian-style family name made from a father's name: Asan → asanov, Isa → isaev."""
    if name.endswith(("ov", "ev")):
        return name
    if name.endswith("i") and name[-2:-1] in _VOWELS:  # Jumabai → jumabaev
        return name[:-1] + "ev"
    if name[-1:] in _VOWELS or name.endswith(("sh", "ch", "j", "c")):  # Isa → isaev
        return name + "ev"
    return name + "ov"


def _attached_marker(word: str) -> str | None:
    """The father's name in a word written with its marker attached: "asanuru" → "asan"."""
    for marker in ("uru", "kizi"):
        if word.endswith(marker) and len(word) - len(marker) >= _MIN_STEM:
            return word[: -len(marker)]
    return None


_PATRONYMIC, _FATHER, _WORD = range(3)


@lru_cache(maxsize=262144)
def _kind(word: str) -> tuple[bool, int, str, bool]:
    """What one word is, worked out once per word (names share most of their words):
    whether it is uulu / kyzy; a patronymic, a father's name with its marker attached or
    another word; its form; whether that form marks a family name."""
    marker = word in MARKERS
    patronymic = _patronymic(word)
    if patronymic is not None:
        return marker, _PATRONYMIC, patronymic, False
    father = _attached_marker(word)
    if father is not None:
        return marker, _FATHER, family_from_father(father), True
    form = _gender(word)
    return marker, _WORD, form, form.endswith(("ov", "ev")) and len(form) > 4


def fold(skeletons: list[str]) -> PersonForm:
    tokens: list[str] = []
    origins: list[int] = []
    optional: list[str] = []
    optional_origins: list[int] = []
    markers: list[int] = []
    folded: list[int] = []
    fathers: list[int] = []
    has_family = False
    several = len(skeletons) > 1
    for i, word in enumerate(skeletons):
        is_marker, kind, form, family = _kind(word)
        if is_marker and several:
            markers.append(i)
            continue
        if kind == _PATRONYMIC:
            optional.append(form)
            optional_origins.append(i)
            continue
        if kind == _FATHER:
            tokens.append(form)
            origins.append(i)
            markers.append(i)
            fathers.append(i)
            has_family = True
            continue
        if form != word:
            folded.append(i)
        if family:
            has_family = True
        tokens.append(form)
        origins.append(i)
    if markers and not has_family:
        # The word just before a marker is the father's name: "Bakyt Asan uulu".
        for marker in markers:
            if marker - 1 in origins:
                at = origins.index(marker - 1)
                tokens[at] = family_from_father(tokens[at])
                fathers.append(marker - 1)
                break
    return PersonForm(
        tokens=tuple(tokens),
        origins=tuple(origins),
        optional=tuple(optional),
        optional_origins=tuple(optional_origins),
        markers=tuple(markers),
        folded=tuple(folded),
        fathers=tuple(fathers),
    )
