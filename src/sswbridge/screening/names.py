"""A name in any script, analysed into the form that matching compares.

    "ОсОО «Ак-Жол Тревел»"  → legal form ОсОО set aside; words ак, жол, тревел;
                              readings ak, jol, trevel (BGN/PCGN); skeleton ak jol trevel
    "株式会社山田商事"        → legal form 株式会社; 山田 yamada, 商事 shouji; iamada shoji
    "Bakyt Asan uulu"        → uulu marks Asan as the father: bakit asanov

`analyze` keeps every step (for explanations); the index keeps only `Form`s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sswbridge.screening import japanese, katakana, legal_forms, persons, translit
from sswbridge.screening.legal_forms import LegalForm
from sswbridge.screening.normalize import fold, has_cyrillic, has_japanese, split

CYRILLIC = "cyrl"
JAPANESE = "jpan"
KATAKANA = "kana"  # a katakana word read as the foreign name it renders (`katakana.py`)
LATIN = "latn"

# Any katakana letter (after NFKC, which widens the half-width ones): a quick test first.
_KATAKANA = re.compile(r"[\u30a0-\u30ff\uff66-\uff9f]")


@dataclass(frozen=True, slots=True)
class Word:
    original: str  # folded, in its script
    reading: str  # in Latin: BGN/PCGN for Cyrillic, Hepburn for Japanese, as given
    script: str
    skeleton: str


@dataclass(frozen=True, slots=True)
class Form:
    """What the index keeps of one name: skeleton words, core and optional."""

    tokens: tuple[str, ...]
    optional: tuple[str, ...]  # patronymics, compared only when both sides have one
    joined: str
    raw: tuple[str, ...]  # the core words before gender endings were folded
    families: tuple[str, ...] = ()  # the families of the legal forms set aside

    @classmethod
    def of(
        cls,
        tokens: tuple[str, ...],
        optional: tuple[str, ...] = (),
        raw: tuple[str, ...] | None = None,
        families: tuple[str, ...] = (),
    ) -> Form:
        return cls(tokens, optional, "".join(tokens), tokens if raw is None else raw, families)


@dataclass(frozen=True, slots=True)
class Analysis:
    text: str
    words: tuple[Word, ...]
    legal_forms: tuple[LegalForm, ...]
    form: Form
    person: persons.PersonForm

    @property
    def reading(self) -> str:
        """The name in Latin letters (BGN/PCGN, Hepburn), without its legal forms."""
        return " ".join(word.reading for word in self.words)


def _script(word: str) -> str:
    if has_japanese(word):
        return JAPANESE
    if has_cyrillic(word):
        return CYRILLIC
    return LATIN


def _foreign_pairs(folded: str) -> list[tuple[str, str]]:
    """Katakana words read as foreign names; the other words as `japanese.romanize` reads them."""
    pairs: list[tuple[str, str]] = []
    for word in split(folded):
        if katakana.is_katakana(word):
            pairs.append((word, katakana.reading(word)))
        else:
            pairs.extend(japanese.romanize(word))
    return pairs


def has_katakana(text: str) -> bool:
    return any(katakana.is_katakana(word) for word in split(fold(text)))


def analyze(text: str, *, foreign: bool = False) -> Analysis:
    """The name analysed; with `foreign`, its katakana words are read as foreign names."""
    return _analyze(text, fold(text), foreign)


@lru_cache(maxsize=262144)
def _word(original: str, reading: str, foreign: bool) -> Word | None:
    """One word in its script, read in Latin letters; None when its skeleton is empty.
    Names share most of their words, so each is worked out once (a pure function)."""
    script = _script(original)
    if foreign and katakana.is_katakana(original):
        script = KATAKANA
    if script == CYRILLIC:
        reading = translit.to_latin(reading)
    skeleton = translit.skeleton(reading)
    return Word(original, reading, script, skeleton) if skeleton else None


def _parts(
    folded_text: str, foreign: bool
) -> tuple[list[Word], tuple[LegalForm, ...], persons.PersonForm, Form]:
    folded, found = legal_forms.strip_japanese(folded_text)
    if has_japanese(folded):
        pairs = _foreign_pairs(folded) if foreign else list(japanese.romanize(folded))
    else:
        pairs = [(word, word) for word in split(folded)]
    kept, word_forms = legal_forms.strip_words([reading for _original, reading in pairs])
    words = [word for i in kept if (word := _word(pairs[i][0], pairs[i][1], foreign)) is not None]
    person = persons.fold([word.skeleton for word in words])
    raw = tuple(words[i].skeleton for i in person.origins)
    legal = tuple(found + word_forms) if found or word_forms else ()
    families = tuple(dict.fromkeys(form.family for form in legal if form.family)) if legal else ()
    tokens = person.tokens
    form = Form(
        tokens, person.optional, "".join(tokens), raw if raw != tokens else tokens, families
    )
    return words, legal, person, form


def _analyze(text: str, folded_text: str, foreign: bool) -> Analysis:
    words, legal, person, form = _parts(folded_text, foreign)
    return Analysis(text=text, words=tuple(words), legal_forms=legal, form=form, person=person)


def form(text: str) -> Form:
    return analyze(text).form


def forms(text: str) -> tuple[Form, ...]:
    """The forms a name is compared by: one, and a second when it holds katakana words,
    which may render a foreign name (アサノフ = Asanov) as well as a Japanese one."""
    folded = fold(text)
    first = _parts(folded, False)[3]
    if not _KATAKANA.search(folded) or not any(
        katakana.is_katakana(word) for word in split(folded)
    ):
        return (first,)
    second = _parts(folded, True)[3]
    return (first,) if second == first else (first, second)
