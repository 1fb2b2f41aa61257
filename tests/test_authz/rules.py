"""The vocabulary of the authorization matrix: who the users are, what a rule says, and what
each user should get from a route under that rule.

Users. Anonymous, and one user per role (`accounts.models.Role`) on each of three sides:
`jp` (ISA, Japan's contact-point agency), `kg` (the Kyrgyz contact-point agency, CECA) — the
two sides of jp-kg, where every record of the world lives — and `uz` (Uzbekistan's agency,
a user of another framework, jp-uz). A user is named `role@side`, e.g. `registrar@kg`.

Rules. `Rule(see=..., may=..., origin=...)`:

- `origin` — the side whose record the route shows or changes (`"jp"` or `"kg"`); `"origin"`
  and `"other"` in `may` are read against it. Routes of no record have no origin.
- `see` — who gets past the lookup (the others get 404, never 403):
    `public`  anyone, anonymous included;
    `signin`  the sign-in flow: anonymous users are served it or sent to sign in;
    `staff`   every signed-in user (their own lists, their own settings, reference data);
    `both`    users of jp-kg on either side (a record marked *both* or *public*);
    `origin`  users of the originating side only (marked *side* / *agency*, or kept by
              one side: examination results, audit entries);
    `jp`, `kg` users of that side only, whoever originated the record;
    `owner`   only `owner` (a user label): a token or a notification of one user;
    `none`    no signed-in user (a URL the world has no valid target for: 404);
    `unpublished` nobody, anonymous included (an unpublished record on a public page);
    or a tuple of `role@side` tokens, like `may`, when the lookup itself is role-aware
    (audit entries: the auditors and administrators of the entry's side).
- `may` — who, among those who see, passes the permission check (the rest get 403). Tokens
  `role@side`, either part may be `*`; the side may be `origin` or `other`.
- `method` (pages), `kwargs` — call with this method / these URL arguments instead of the
  isolation tables' (`kwargs` is a function of the world).
- `query` — (API) appended to the URL, e.g. `?q=...` for a required query parameter.
- `export` — the route takes information out of the system (a file, a print view, a
  package, a bulk read). Without consent the other side's information never leaves:
  `test_no_export_route_lets_the_other_sides_information_out` checks every such rule refuses
  everyone outside the originating side, and the matrix checks the routes answer so.
- `role_first` — the role is checked before the lookup (a page of a kind the user's role
  never uses), so a user without the role gets 403 even where the record is hidden.

Outcomes: `ok` (2xx, a redirect that is not to the sign-in page, or — past the permission
check — 400 or 409 because the empty or placeholder input or the record's state is refused),
`403`, `404`, `login` (anonymous: redirected to sign in; 401 in the API), `signin`
(served the sign-in page or sent to it). An anonymous user gets `404` instead of `login` from
a route that names a record (its URL has arguments: a communication, an attachment, an
intermediary, a case…), so that nobody without an account learns whether a record exists
(issue 3); a route that names none still sends them to sign in (issue 2).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sswbridge.accounts.models import Role

ROLES: tuple[str, ...] = tuple(r.value for r in Role)
SIDES: tuple[str, ...] = ("jp", "kg", "uz")
ANONYMOUS = "anonymous"
USERS: tuple[str, ...] = (ANONYMOUS, *(f"{role}@{side}" for side in SIDES for role in ROLES))

ALL = ("*@*",)
AUDIT_READERS = ("auditor@*", "administrator@*")

SEE = ("public", "signin", "staff", "both", "origin", "jp", "kg", "owner", "none", "unpublished")


@dataclass(frozen=True)
class Rule:
    see: str | tuple[str, ...]
    may: tuple[str, ...] = ALL
    origin: str = ""
    owner: str = ""
    role_first: bool = False
    export: bool = False
    method: str = ""
    kwargs: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    query: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        assert isinstance(self.see, tuple) or self.see in SEE, f"unknown see={self.see!r}"
        assert self.origin in ("", "jp", "kg"), f"unknown origin={self.origin!r}"
        tokens = (*self.may, *(self.see if isinstance(self.see, tuple) else ()))
        uses_origin = self.see == "origin" or any(t.endswith(("@origin", "@other")) for t in tokens)
        assert self.origin or not uses_origin, "a rule that speaks of origin needs origin="
        assert self.see != "owner" or self.owner in USERS

    def sees(self, user: str) -> bool:
        side = user.split("@")[1]
        if isinstance(self.see, tuple):
            return self._matches(self.see, user)
        if self.see in ("none", "unpublished"):
            return False
        if self.see in ("public", "signin", "staff"):
            return True
        if self.see == "both":
            return side in ("jp", "kg")
        if self.see == "origin":
            return side == self.origin
        if self.see in ("jp", "kg"):
            return side == self.see
        return user == self.owner

    def allows(self, user: str) -> bool:
        return self._matches(self.may, user)

    def _matches(self, tokens: tuple[str, ...], user: str) -> bool:
        role, side = user.split("@")
        other = {"jp": "kg", "kg": "jp"}.get(self.origin, "")
        for token in tokens:
            want_role, want_side = token.split("@")
            want_side = {"origin": self.origin, "other": other}.get(want_side, want_side)
            if want_role in ("*", role) and want_side in ("*", side):
                return True
        return False

    def expect(self, user: str, *, names_record: bool = False) -> str:
        if user == ANONYMOUS:
            see = self.see if isinstance(self.see, str) else ""
            if see in ("public", "signin", "unpublished"):
                return {"public": "ok", "signin": "signin", "unpublished": "404"}[see]
            return "404" if names_record else "login"
        if self.see == "public":
            return "ok"
        if self.role_first and not self.allows(user):
            return "403"
        if not self.sees(user):
            return "404"
        return "ok" if self.allows(user) else "403"
