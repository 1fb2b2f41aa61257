"""Legal forms in any language, found wherever they stand and set aside before matching.

"ОсОО «Ак-Жол»", "Ak-Jol LLC" and "Ак-Жол ЖЧК" are one name with three legal forms; a
changed legal form is one of the ways a banned organization comes back, so the form never
counts for or against a match. It is reported in the explanation instead.

Families group the forms that mean the same thing in different languages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sswbridge.screening.normalize import fold, split

LLC = "llc"  # limited liability company
JSC = "jsc"  # joint-stock company
CORPORATION = "corporation"
KABUSHIKI_KAISHA = "kabushiki_kaisha"
GODO_KAISHA = "godo_kaisha"
YUGEN_KAISHA = "yugen_kaisha"
PARTNERSHIP = "partnership"
INDIVIDUAL_ENTREPRENEUR = "individual_entrepreneur"
NON_PROFIT = "non_profit"  # associations, foundations, cooperatives

FAMILIES = (
    LLC,
    JSC,
    CORPORATION,
    KABUSHIKI_KAISHA,
    GODO_KAISHA,
    YUGEN_KAISHA,
    PARTNERSHIP,
    INDIVIDUAL_ENTREPRENEUR,
    NON_PROFIT,
)


@dataclass(frozen=True, slots=True)
class LegalForm:
    text: str  # as found, folded
    family: str


# Forms written in words (Latin or Cyrillic), matched as whole words in any position.
# "АК" (акционердик коом) and "ТОО" are left out on purpose: "Ак" and "Тоо" are the most
# common words of Kyrgyz names (Ак-Жол, Ала-Тоо).
_WORD_FORMS: dict[str, tuple[str, ...]] = {
    LLC: (
        "осоо", "ооо", "жчк", "osoo", "ooo", "llc", "l.l.c.", "ltd", "ltd.", "limited",
        "limited liability company", "общество с ограниченной ответственностью",
        "жоопкерчилиги чектелген коом", "zhchk", "jchk",
    ),
    JSC: (
        "ао", "аак", "жак", "зао", "оао", "пао", "jsc", "ojsc", "cjsc", "pjsc", "plc",
        "акционерное общество", "открытое акционерное общество",
        "закрытое акционерное общество", "публичное акционерное общество",
        "акционердик коом", "ачык акционердик коом", "жабык акционердик коом",
        "joint stock company", "joint-stock company", "public limited company",
    ),
    CORPORATION: (
        "inc", "inc.", "incorporated", "corp", "corp.", "corporation", "co", "co.", "company",
    ),
    KABUSHIKI_KAISHA: (
        "k.k.", "kk", "kabushiki kaisha", "kabushiki gaisha", "kabushikikaisha",
        "kabushikigaisha", "co., ltd.", "co. ltd.", "co.,ltd.", "company limited",
    ),
    GODO_KAISHA: ("g.k.", "gk", "godo kaisha", "godo gaisha", "godokaisha", "godogaisha"),
    YUGEN_KAISHA: ("y.k.", "yk", "yugen kaisha", "yugen gaisha", "yugenkaisha", "yugengaisha"),
    PARTNERSHIP: ("llp", "lp", "partnership", "limited partnership"),
    INDIVIDUAL_ENTREPRENEUR: (
        "ип", "индивидуальный предприниматель", "жеке ишкер", "sole proprietor",
        "individual entrepreneur",
    ),
    NON_PROFIT: (
        "оф", "оо", "общественный фонд", "общественное объединение", "коомдук фонд",
        "коомдук бирикме", "public foundation", "public fund", "public association",
        "npo", "non-profit organization",
    ),
}  # fmt: skip

# Japanese forms, matched anywhere in the text (Japanese has no spaces): kanji, the
# abbreviations (株) ㈱ (有) ㈲ (NFKC turns ㈱ into (株)), katakana as in bank-transfer
# names, where カ) before a name and (カ after it stand for 株式会社.
_JAPANESE_FORMS: dict[str, tuple[str, ...]] = {
    KABUSHIKI_KAISHA: ("株式会社", "(株)", "カブシキガイシャ", "カブシキカイシャ"),
    YUGEN_KAISHA: ("有限会社", "(有)", "ユウゲンガイシャ"),
    GODO_KAISHA: ("合同会社", "(同)", "(合)", "ゴウドウガイシャ"),
    PARTNERSHIP: ("合資会社", "合名会社", "(資)", "(名)"),
    NON_PROFIT: (
        "特定非営利活動法人", "npo法人", "一般社団法人", "公益社団法人", "一般財団法人",
        "公益財団法人", "社会福祉法人", "事業協同組合", "協同組合連合会", "協同組合",
        "(一社)", "(公社)", "(一財)", "(公財)", "(社福)", "(特非)", "(協)",
    ),
}  # fmt: skip
_BANK_FORMS = {"カ": KABUSHIKI_KAISHA, "ユ": YUGEN_KAISHA, "ド": GODO_KAISHA}
_BANK_PREFIX = re.compile(r"^\s*([カユド])\)")
_BANK_SUFFIX = re.compile(r"\(([カユド])\s*$")


def _word_table() -> dict[str, list[tuple[tuple[str, ...], str, str]]]:
    table: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    for family, forms in _WORD_FORMS.items():
        for form in forms:
            words = tuple(split(fold(form)))
            table.setdefault(words[0], []).append((words, family, form))
    for options in table.values():
        options.sort(key=lambda option: -len(option[0]))  # longest form first
    return table


_WORDS = _word_table()
_JAPANESE = sorted(
    ((form, family) for family, forms in _JAPANESE_FORMS.items() for form in forms),
    key=lambda item: -len(item[0]),
)


_PAST_3000 = re.compile("[\u3001-\U0010ffff]")  # Japanese scripts lie above U+3000


def strip_japanese(folded: str) -> tuple[str, list[LegalForm]]:
    """The folded text without Japanese legal forms (replaced by spaces), and the forms."""
    found: list[LegalForm] = []
    if not _PAST_3000.search(folded):
        return folded, found
    for form, family in _JAPANESE:
        if form in folded:
            folded = folded.replace(form, " ")
            found.append(LegalForm(form, family))
    for pattern in (_BANK_PREFIX, _BANK_SUFFIX):
        match = pattern.search(folded)
        if match:
            found.append(LegalForm(match.group(0).strip(), _BANK_FORMS[match.group(1)]))
            folded = folded[: match.start()] + " " + folded[match.end() :]
    return folded, found


def strip_words(words: list[str]) -> tuple[list[int], list[LegalForm]]:
    """The positions of the words that are not part of a legal form, and the forms found.

    A name made only of a legal form keeps it (there would be nothing left to match).
    """
    kept: list[int] = []
    found: list[LegalForm] = []
    i = 0
    while i < len(words):
        for form_words, family, _text in _WORDS.get(words[i], ()):
            if tuple(words[i : i + len(form_words)]) == form_words:
                found.append(LegalForm(" ".join(form_words), family))
                i += len(form_words)
                break
        else:
            kept.append(i)
            i += 1
    if not kept:
        return list(range(len(words))), []
    return kept, found


def strip(text: str) -> tuple[list[str], list[LegalForm]]:
    """The words of a name without its legal forms, and the forms (for tests and tools)."""
    folded, japanese = strip_japanese(fold(text))
    words = split(folded)
    kept, forms = strip_words(words)
    return [words[i] for i in kept], japanese + forms
