"""Blocking keys: the few strings under which the index files a name.

A query is compared in full only with the entries that share a key with it. The keys of a
name are its skeleton words, the concatenations of neighbouring words and of all its words
(so "Ak Jol" finds "Akjol" and ヤマダショウジ finds "Yamada Shoji"), and the first and last
letters of its long words (which survive a typo in the middle). The index also files
each word under its one-letter deletions (the symmetric-deletion method), so that a query
word meets the words within an edit or two of it without comparing against all of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from sswbridge.screening.names import Form

MIN_WORD = 2  # shorter words (initials) are not keys
MIN_DELETE = 4  # shorter words are looked up exactly
MAX_DELETE = 16  # longer strings are looked up exactly
MIN_AFFIX = 6  # words this long are also filed under their first and last four letters
AFFIX = 4


def words(form: Form) -> list[str]:
    """The strings a form is filed under: words, neighbour pairs, the whole name."""
    tokens = [token for token in form.tokens if len(token) >= MIN_WORD]
    keys = list(dict.fromkeys(tokens))
    for left, right in zip(form.tokens, form.tokens[1:], strict=False):
        keys.append(left + right)
    if len(form.tokens) > 2:
        keys.append(form.joined)
    return list(dict.fromkeys(keys))


def deletes(word: str) -> set[str]:
    """The word and every string one deletion away from it (only for mid-length words)."""
    if not MIN_DELETE <= len(word) <= MAX_DELETE:
        return {word}
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def affixes(form: Form) -> list[str]:
    """The first and last letters of long words ("<naas", ">naev"): a word with two typos in
    its middle keeps them, and still meets its entry."""
    found: list[str] = []
    for token in form.tokens:
        if len(token) >= MIN_AFFIX:
            found.extend(("<" + token[:AFFIX], ">" + token[-AFFIX:]))
    return list(dict.fromkeys(found))


def filed(forms: Iterable[Form]) -> tuple[str, ...]:
    """`words` then `affixes` of each form, once each, in that order (one pass: the index
    files every entry's names by them)."""
    found: dict[str, None] = {}
    for form in forms:
        tokens = form.tokens
        for token in tokens:
            if len(token) >= MIN_WORD:
                found[token] = None
        for left, right in pairwise(tokens):
            found[left + right] = None
        if len(tokens) > 2:
            found[form.joined] = None
        for token in tokens:
            if len(token) >= MIN_AFFIX:
                found["<" + token[:AFFIX]] = None
                found[">" + token[-AFFIX:]] = None
    return tuple(found)
