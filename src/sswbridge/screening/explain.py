"""Why a candidate matched: which words, through which transliteration, what was set aside.

Computed only for the candidates returned (the index keeps no words, only skeletons), by
analysing the two names again and aligning them. `as_dict()` is for the API; `sentences()`
for the page, translated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from sswbridge.screening import match, names, translit
from sswbridge.screening.entries import PERSON, Candidate, Query
from sswbridge.screening.names import CYRILLIC, JAPANESE, KATAKANA, LATIN, Analysis, Word
from sswbridge.screening.normalize import strip_marks

# How two words were found equal.
SAME = "same"  # the same word, in the same script
READING = "reading"  # kanji and kana with the same reading
HEPBURN = "hepburn"
PASSPORT_ROMAJI = "passport_romaji"  # long vowels dropped or written oh / ou
SKELETON = "skeleton"  # equal once spellings are folded, by no single convention
FATHER = "father_name"  # Asan (uulu) read as the family name Asanov
KATAKANA_FOREIGN = "katakana_foreign"  # アサノフ read as a foreign name: Asanov

VIA_LABELS = {
    SAME: _("same spelling"),
    READING: _("same Japanese reading"),
    HEPBURN: _("Hepburn romaji"),
    PASSPORT_ROMAJI: _("passport romaji"),
    SKELETON: _("folded spelling"),
    FATHER: _("father's name before uulu / kyzy read as the family name"),
    KATAKANA_FOREIGN: _(
        "katakana rendering of a foreign name (support vowels dropped, -フ read as -v, "
        "ヴ = ブ, ティ = チ, l = r, long marks ignored)"
    ),
    translit.BGN: _("BGN/PCGN (Kyrgyz)"),
    translit.BGN_RU: _("BGN/PCGN (Russian)"),
    translit.PASSPORT: _("passport spelling (zh, kh)"),
    translit.PASSPORT_DZH: _("passport spelling (dzh, h)"),
    translit.ASCII: _("plain ASCII"),
}

# Notes on the whole comparison.
WORD_ORDER = "word_order"
JOINED = "joined"
PATRONYMIC_ASIDE = "patronymic_aside"
PATRONYMICS_COMPARED = "patronymics_compared"
UULU_KYZY = "uulu_kyzy"
GENDER_ENDING = "gender_ending"
NOTE_LABELS = {
    WORD_ORDER: _("the words stand in a different order"),
    JOINED: _("the names were compared as whole strings (words run together or cut otherwise)"),
    PATRONYMIC_ASIDE: _("a patronymic on one side only was set aside"),
    PATRONYMICS_COMPARED: _("the patronymics were compared"),
    UULU_KYZY: _("uulu / kyzy read as the father's name, the family name of the other form"),
    GENDER_ENDING: _("surname gender endings folded (-ova = -ov)"),
}
ADJUSTMENT_LABELS = {
    "country_differs": _("the countries differ"),
    "business_differs": _(
        "each name has a business word the other lacks (a sibling company, not the same one)"
    ),
    "legal_form_differs": _("the legal forms are of different kinds"),
    "kind_differs": _("one is a person, the other an organization"),
    "birth_date_same": _("the birth dates are the same"),
    "birth_year_only": _("only the birth years are the same"),
    "birth_date_differs": _("the birth dates differ"),
}
IDENTIFIER_LABELS = {
    "number": _("registration or tax number"),
    "phone": _("phone number"),
    "email": _("e-mail address"),
}


@dataclass(slots=True)
class WordMatch:
    query: str
    candidate: str
    via: str
    edits: int


@dataclass(slots=True)
class Explanation:
    query_reading: str
    candidate_reading: str
    words: list[WordMatch] = field(default_factory=list)
    unmatched_query: list[str] = field(default_factory=list)
    unmatched_candidate: list[str] = field(default_factory=list)
    legal_forms: list[dict[str, str]] = field(default_factory=list)  # side, text, family
    notes: list[str] = field(default_factory=list)
    identifiers: list[str] = field(default_factory=list)
    adjustments: list[tuple[str, float]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "query_reading": self.query_reading,
            "candidate_reading": self.candidate_reading,
            "words": [
                {"query": w.query, "candidate": w.candidate, "via": w.via, "edits": w.edits}
                for w in self.words
            ],
            "unmatched_query": list(self.unmatched_query),
            "unmatched_candidate": list(self.unmatched_candidate),
            "legal_forms": list(self.legal_forms),
            "notes": list(self.notes),
            "identifiers": list(self.identifiers),
            "adjustments": [{"reason": r, "change": c} for r, c in self.adjustments],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Explanation:
        """The explanation stored with a hit (`as_dict`), read back."""
        return cls(
            query_reading=str(data.get("query_reading", "")),
            candidate_reading=str(data.get("candidate_reading", "")),
            words=[
                WordMatch(str(w["query"]), str(w["candidate"]), str(w["via"]), int(w["edits"]))
                for w in data.get("words", [])
            ],
            unmatched_query=list(data.get("unmatched_query", [])),
            unmatched_candidate=list(data.get("unmatched_candidate", [])),
            legal_forms=list(data.get("legal_forms", [])),
            notes=list(data.get("notes", [])),
            identifiers=list(data.get("identifiers", [])),
            adjustments=[(a["reason"], a["change"]) for a in data.get("adjustments", [])],
        )

    def sentences(self) -> list[str]:
        """The explanation in the user's language, one sentence per fact."""
        out: list[str] = []
        for w in self.words:
            values = {
                "query": w.query,
                "candidate": w.candidate,
                "via": VIA_LABELS.get(w.via, w.via),
                "edits": w.edits,
            }
            if w.edits:
                out.append(
                    str(_("%(query)s matches %(candidate)s (%(via)s, %(edits)s edits)")) % values
                )
            else:
                out.append(str(_("%(query)s matches %(candidate)s (%(via)s)")) % values)
        for form in self.legal_forms:
            out.append(str(_("legal form set aside: %(text)s")) % {"text": form["text"]})
        out.extend(str(NOTE_LABELS[note]) for note in self.notes if note in NOTE_LABELS)
        for group in self.identifiers:
            label = IDENTIFIER_LABELS.get(group, group)
            out.append(str(_("the %(identifier)s matches")) % {"identifier": label})
        out.extend(str(ADJUSTMENT_LABELS.get(r, r)) for r, _change in self.adjustments)
        if self.unmatched_query or self.unmatched_candidate:
            out.append(
                str(_("not matched: %(words)s"))
                % {"words": ", ".join(self.unmatched_query + self.unmatched_candidate)}
            )
        return out


def via(query: Word, candidate: Word) -> str:
    """The convention through which two words are the same."""
    if query.original == candidate.original:
        return SAME
    pair = {query.script, candidate.script}
    if KATAKANA in pair and pair != {KATAKANA}:
        return KATAKANA_FOREIGN
    if pair == {CYRILLIC, LATIN}:
        cyrillic, latin = (query, candidate) if query.script == CYRILLIC else (candidate, query)
        for name, spelling in translit.conventions(cyrillic.original).items():
            if spelling == latin.original:
                return name
        return SKELETON
    if pair == {JAPANESE, LATIN}:
        japanese, latin = (query, candidate) if query.script == JAPANESE else (candidate, query)
        if strip_marks(latin.original) == japanese.reading or _macrons(japanese.reading) == (
            latin.original
        ):
            return HEPBURN
        if translit.skeleton(latin.original) == japanese.skeleton:
            return PASSPORT_ROMAJI
        return SKELETON
    if query.script == candidate.script == JAPANESE and query.reading == candidate.reading:
        return READING
    return SAME if query.skeleton == candidate.skeleton else SKELETON


def _macrons(reading: str) -> str:
    return reading.replace("ou", "ō").replace("uu", "ū").replace("oo", "ō")


def _origin(analysis: Analysis, token: int) -> int:
    person = analysis.person
    if token < len(person.origins):
        return person.origins[token]
    return person.optional_origins[token - len(person.origins)]


def _word_of(analysis: Analysis, token: int) -> list[Word]:
    return [analysis.words[_origin(analysis, token)]]


def _joined_via(q: Analysis, c: Analysis) -> str:
    """The convention that writes one whole name as the other, words run together."""
    first = Word(
        "".join(w.original for w in q.words),
        "".join(w.reading for w in q.words),
        q.words[0].script,
        "".join(w.skeleton for w in q.words),
    )
    second = Word(
        "".join(w.original for w in c.words),
        "".join(w.reading for w in c.words),
        c.words[0].script,
        "".join(w.skeleton for w in c.words),
    )
    return via(first, second)


def _notes(q: Analysis, c: Analysis, alignment: match.Alignment) -> list[str]:
    notes: list[str] = []
    if alignment.joined and alignment.score >= 0.5:
        notes.append(JOINED)
    order = [j for _i, j, _e in sorted(alignment.pairs)]
    if order != sorted(order):
        notes.append(WORD_ORDER)
    if alignment.patronymic_aside:
        notes.append(PATRONYMIC_ASIDE)
    if alignment.patronymics_compared:
        notes.append(PATRONYMICS_COMPARED)
    if q.person.markers or c.person.markers:
        notes.append(UULU_KYZY)
    if q.person.folded or c.person.folded:
        notes.append(GENDER_ENDING)
    return notes


def _analyses(text: str) -> list[Analysis]:
    """The readings of a name: one, and the foreign reading of its katakana if it has any."""
    first = names.analyze(text)
    return [first, names.analyze(text, foreign=True)] if names.has_katakana(text) else [first]


def explain(query: Query, candidate: Candidate) -> Explanation:
    person = (query.kind or candidate.entry.kind) == PERSON
    q, c, alignment = max(
        (
            (q, c, match.align(q.form, c.form, person=person))
            for q in _analyses(query.name)
            for c in _analyses(candidate.matched_name)
        ),
        key=lambda found: found[2].score,
    )
    result = Explanation(query_reading=q.reading, candidate_reading=c.reading)
    fathers = {("q", i) for i in q.person.fathers} | {("c", j) for j in c.person.fathers}
    for i, j, edits in alignment.pairs:
        qw, cw = q.words[_origin(q, i)], c.words[_origin(c, j)]
        is_father = ("q", _origin(q, i)) in fathers or ("c", _origin(c, j)) in fathers
        how = FATHER if is_father and qw.skeleton != cw.skeleton else via(qw, cw)
        result.words.append(WordMatch(qw.original, cw.original, how, edits))
    if alignment.joined and q.words and c.words and alignment.score >= 0.5:
        result.words.append(
            WordMatch(
                " ".join(w.original for w in q.words),
                " ".join(w.original for w in c.words),
                _joined_via(q, c),
                round((1.0 - alignment.score) * max(len(q.form.joined), len(c.form.joined))),
            )
        )
    result.unmatched_query = [w.original for i in alignment.unmatched_query for w in _word_of(q, i)]
    result.unmatched_candidate = [
        w.original for j in alignment.unmatched_candidate for w in _word_of(c, j)
    ]
    if alignment.joined and alignment.score < 0.5:
        result.unmatched_query = [w.original for w in q.words]
        result.unmatched_candidate = [w.original for w in c.words]
    for side, analysis in (("query", q), ("candidate", c)):
        for form in analysis.legal_forms:
            result.legal_forms.append({"side": side, "text": form.text, "family": form.family})
    result.notes = _notes(q, c, alignment)
    result.identifiers = list(candidate.identifiers)
    result.adjustments = list(candidate.adjustments)
    return result
