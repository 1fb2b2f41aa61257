"""Search across a portal's published registers, and the "verify an organization" answer.

Names are compared by their search keys (any script: Cyrillic and its Latin spellings, kana
and kanji as written, full- and half-width forms); numbers without spaces or dashes. Only
what the portal has published is searched, by each register's own search (`sections`):
sending/public.py, orders/public.py and support/public.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from sswbridge.publication import sections
from sswbridge.publication.names import number_key, search_key

MAX_RESULTS = 50
QUERY_MAX = 200


class Status:
    APPROVED = "approved"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    EXPIRED = "expired"
    IMPROVEMENT_ORDER = "improvement_order"
    REGISTERED = "registered"
    DELISTED = "delisted"


# Whether each status answers "yes, in good standing" to the verify box.
GOOD = {Status.APPROVED: True, Status.REGISTERED: True}


@dataclass
class Entry:
    register: str
    name: str
    url: str
    status: str
    number: str = ""
    other_names: list[str] = field(default_factory=list)
    status_date: dt.date | None = None
    reason: str = ""
    exact: bool = False
    pk: str = ""

    @property
    def good(self) -> bool:
        return GOOD.get(self.status, False)

    @property
    def register_label(self) -> str:
        """Its register's heading among the search results (its section's label)."""
        section = sections.get(self.register)
        return str(section.label) if section is not None else self.register

    @property
    def verdict(self) -> str:
        """The verify box's answer for this organization, in the current language."""
        date = self.status_date.isoformat() if self.status_date else "—"
        texts = {
            Status.APPROVED: _("Yes: an approved sending organization (since %(date)s)."),
            Status.SUSPENDED: _("No: its approval is suspended (since %(date)s)."),
            Status.REVOKED: _("No: its approval was revoked on %(date)s."),
            Status.EXPIRED: _("No: its approval expired on %(date)s."),
            Status.IMPROVEMENT_ORDER: _(
                "Under an improvement order of %(date)s (accepting organization)."
            ),
            Status.REGISTERED: _("Yes: a registered support organization (registered %(date)s)."),
            Status.DELISTED: _(
                "No: no longer a registered support organization (left the list on %(date)s)."
            ),
        }  # fmt: skip
        return texts[self.status] % {"date": date}


@dataclass
class Query:
    text: str
    key: str
    number: str
    numbers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str) -> Query:
        text = " ".join((text or "").replace("\x00", "").split())[:QUERY_MAX]
        numbers = {s.key: s.number(text) for s in sections.all_sections() if s.number}
        return cls(text, search_key(text), number_key(text), numbers)

    def number_of(self, register: str) -> str:
        """The query read as this register's own number ("" when it is not one)."""
        return self.numbers.get(register, "")

    @property
    def empty(self) -> bool:
        return not self.key and not self.number


def name_match(query: Query, names: Iterable[str]) -> tuple[bool, bool]:
    """(matches, exactly)."""
    keys = [search_key(n) for n in names if n]
    exact = bool(query.key) and query.key in keys
    return exact or (len(query.key) >= 2 and any(query.key in k for k in keys)), exact


def number_match(query: Query, numbers: Iterable[str]) -> tuple[bool, bool]:
    keys = [number_key(n) for n in numbers if n]
    exact = bool(query.number) and query.number in keys
    return exact or (len(query.number) >= 4 and any(query.number in k for k in keys)), exact


def search(portal: str, text: str) -> dict[str, list[Entry]]:
    """Matches by register (only registers with matches), in the sections' order."""
    query = Query.parse(text)
    if query.empty:
        return {}
    return _found({s.key: s.search(portal, query) for s in sections.searchable() if s.search})


def _found(results: dict[str, list[Entry]]) -> dict[str, list[Entry]]:
    return {register: entries for register, entries in results.items() if entries}


def _answers(
    portal: str, query: Query, found: dict[str, list[Entry]]
) -> tuple[list[Entry], dict[str, list[Entry]]]:
    """(the exact matches, each register's search matches): a register whose verify
    candidates are its search matches is read once for both."""
    answers = []
    for section in sections.searchable():
        if section.exact is not None:
            candidates = section.exact(portal, query)
        else:
            assert section.search is not None
            candidates = found[section.key] = section.search(portal, query)
        answers += [entry for entry in candidates if entry.exact]
    return answers, found


def verify(portal: str, text: str) -> list[Entry] | None:
    """The organizations exactly of this name or number, with their status; [] when there
    is none; None for an empty question."""
    query = Query.parse(text)
    if query.empty:
        return None
    return _answers(portal, query, {})[0]


def verify_with_similar(
    portal: str, text: str
) -> tuple[list[Entry] | None, dict[str, list[Entry]]]:
    """`verify`'s answer and, when it is [], what `search` finds for the same text (the
    verify page's "similar"): a register searched for the answer is not read again."""
    query = Query.parse(text)
    if query.empty:
        return None, {}
    answers, found = _answers(portal, query, {})
    if answers:
        return answers, {}
    similar = {
        s.key: found[s.key] if s.key in found else s.search(portal, query)
        for s in sections.searchable()
        if s.search
    }
    return answers, _found(similar)
