"""The authorization matrix (issue 6, point 7): every URL pattern and every API operation,
called by every user of `rules.USERS`, answers what its rule in `table_pages` / `table_api`
says. A route without a rule fails; a rule for a route that no longer exists fails; all
mismatches are reported together as (route, user, expected, got).

The world is built once per worker (`matrix` in conftest.py, from
`tests/helpers/isolation/world.py:build_world`), and every request is rolled back, so no
request changes what the next one sees. Pages are fetched
with GET, POST-only pages are posted with an empty form; API operations are called with a
placeholder body that passes schema validation (`calls.placeholder_body`), so the handler's
lookup and permission check decide — an allowed user then gets 2xx, or 400/409 for the
placeholder content; a refused one 403 or 404.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from django.test import Client
from django.urls import resolve, reverse

from tests.helpers import factories
from tests.helpers.isolation.routes import iter_operations, iter_patterns
from tests.helpers.isolation.tables import OPERATIONS, PAGES
from tests.test_authz import calls
from tests.test_authz.rules import ANONYMOUS, USERS, Rule
from tests.test_authz.table_api import API_RULES
from tests.test_authz.table_pages import PAGE_RULES

pytestmark = pytest.mark.django_db


def _coverage(kind: str, routes: set[Any], rules: set[Any]) -> list[str]:
    return [f"{kind} {r}: no rule in the matrix" for r in sorted(routes - rules, key=str)] + [
        f"{kind} {r}: rule for a route that no longer exists"
        for r in sorted(rules - routes, key=str)
    ]


def _matches(want: str, got: str) -> bool:
    return got == want or (want == "signin" and got in ("ok", "login"))


def _report(problems: list[str], mismatches: list[tuple[str, str, str, str]]) -> str:
    lines = [*problems, f"{len(mismatches)} mismatches (route, user, expected, got):"]
    lines += [
        f"  {route}  {user}: expected {want}, got {got}" for route, user, want, got in mismatches
    ]
    return "\n".join(lines)


def _record(name: str, table: dict[str, dict[str, str]]) -> None:
    """AUTHZ_RECORD=DIR writes what each user got, to review a new route's rule."""
    directory = os.environ.get("AUTHZ_RECORD")
    if directory:
        with open(os.path.join(directory, f"{name}.json"), "w") as out:
            json.dump(table, out, indent=1, sort_keys=True)


def _names_record(url: str) -> bool:
    """Whether the URL has arguments, i.e. names a record (see `rules.Rule.expect`)."""
    match = resolve(url.split("?")[0])
    return bool(match.args or match.kwargs)


def _run(
    routes: dict[str, tuple[Rule, str, str, Any]], clients: dict[str, Client], *, api: bool
) -> tuple[list[tuple[str, str, str, str]], dict[str, dict[str, str]]]:
    mismatches = []
    seen: dict[str, dict[str, str]] = {}
    for route, (rule, method, url, body) in sorted(routes.items()):
        names_record = _names_record(url)
        for label in USERS:
            response = calls.call(clients[label], method, url, body)
            got = calls.outcome(response, api_route=api)
            seen.setdefault(route, {})[label] = f"{got} {response.status_code}"[:200]
            want = rule.expect(label, names_record=names_record)
            if not _matches(want, got):
                mismatches.append((route, label, want, got))
    return mismatches, seen


def test_every_page_answers_each_user_as_the_matrix_says(matrix):
    names = {name for name, _route in iter_patterns()}
    problems = _coverage("page", names, set(PAGE_RULES))
    problems += [f"page {n}: not in the isolation PAGES table" for n in names - set(PAGES)]
    world = matrix.world
    routes = {}
    for name in sorted(names & set(PAGE_RULES) & set(PAGES)):
        rule = PAGE_RULES[name]
        kind, builder = PAGES[name]
        builder = rule.kwargs or builder
        url = reverse(name, kwargs=builder(world) if builder else None)
        method = rule.method or ("POST" if kind == "post" else "GET")
        routes[name] = (rule, method, url, None)
    mismatches, seen = _run(routes, matrix.page_clients, api=False)
    _record("pages", seen)
    assert not problems and not mismatches, _report(problems, mismatches)


def test_every_api_operation_answers_each_user_as_the_matrix_says(matrix):
    operations = set(iter_operations())
    problems = _coverage("operation", operations, set(API_RULES))
    world = matrix.world
    routes = {}
    for key in sorted(operations & set(API_RULES)):
        method, path = key
        builder = API_RULES[key].kwargs or OPERATIONS.get(key, ("", None))[1]
        try:
            url = calls.api_path(path, world, builder) + API_RULES[key].query
        except LookupError as exc:
            problems.append(str(exc))
            continue
        body = calls.placeholder_body(method, path, world) if method != "GET" else None
        routes[f"{method} {path}"] = (API_RULES[key], method, url, body)
    mismatches, seen = _run(routes, matrix.api_clients, api=True)
    _record("api", seen)
    assert not problems and not mismatches, _report(problems, mismatches)


def test_no_export_route_lets_the_other_sides_information_out():
    """Clause 3: every route marked `export` (a file, a print view, a package, a bulk read of
    records) refuses every user outside the originating side — the matrix tests above prove
    the routes answer as these rules say. The consent-bound ones (the disclosure package and
    its consent) are the originating side's own records: the requesting agency's package."""
    rules = {**PAGE_RULES, **{f"{m} {p}": r for (m, p), r in API_RULES.items()}}
    exports = {route: rule for route, rule in rules.items() if rule.export}
    assert "consultations:ics" in exports
    leaks = [
        (route, user)
        for route, rule in exports.items()
        for user in USERS[1:]
        if not user.endswith(f"@{rule.origin}") and rule.expect(user) == "ok"
    ]
    assert all(rule.origin for rule in exports.values()), "an export rule names its origin"
    assert leaks == [], "these export routes let the other side's information out"


def test_side_marked_records_stay_on_their_side(matrix, jp_kg):
    """The world's records are mostly marked *both*; these are marked *side*: the other
    side of the same framework gets 404 on every page and operation that shows them."""
    from django.utils import timezone

    from sswbridge.cases import services as cases
    from sswbridge.consultations import services as consultations

    users = matrix.users
    kg_case = cases.open_case(
        actor=users["contact_point@kg"],
        framework=jp_kg,
        title="Side Case KG",
        subject_type="other",
        marking="side",
    )
    jp_meeting = consultations.schedule(
        actor=users["contact_point@jp"],
        framework=jp_kg,
        title="Side Consultation JP",
        kind="ad_hoc",
        starts_at=timezone.now(),
        place="Tokyo",
        marking="side",
    )
    broker = factories.make_intermediary(jp_kg, marking="side").pk
    kg_only, jp_only = Rule("origin", origin="kg"), Rule("origin", origin="jp")
    pages = {
        "cases:detail": (kg_only, reverse("cases:detail", args=[kg_case.pk])),
        "intermediaries:intermediary_detail": (
            kg_only,
            reverse("intermediaries:intermediary_detail", args=[broker]),
        ),
        "consultations:detail": (jp_only, reverse("consultations:detail", args=[jp_meeting.pk])),
        "consultations:ics": (jp_only, reverse("consultations:ics", args=[jp_meeting.pk])),
    }
    operations = {
        "cases": (kg_only, f"/api/v1/cases/{kg_case.pk}"),
        "case timeline": (kg_only, f"/api/v1/cases/{kg_case.pk}/timeline"),
        "intermediary": (kg_only, f"/api/v1/registry/intermediaries/{broker}"),
        "intermediary cases": (kg_only, f"/api/v1/registry/intermediaries/{broker}/cases"),
        "consultation": (jp_only, f"/api/v1/consultations/{jp_meeting.pk}"),
        "consultation ics": (jp_only, f"/api/v1/consultations/{jp_meeting.pk}/calendar.ics"),
    }
    mismatches, _seen = _run(
        {n: (rule, "GET", url, None) for n, (rule, url) in pages.items()},
        matrix.page_clients,
        api=False,
    )
    more, _seen = _run(
        {n: (rule, "GET", url, None) for n, (rule, url) in operations.items()},
        matrix.api_clients,
        api=True,
    )
    assert not mismatches + more, _report([], mismatches + more)


def test_every_route_has_a_rule():
    """Fast, without the world: a new route needs its rule (and a stale rule goes)."""
    problems = _coverage("page", {n for n, _r in iter_patterns()}, set(PAGE_RULES))
    problems += _coverage("operation", set(iter_operations()), set(API_RULES))
    assert problems == []


# Writes an auditor may make: to their own account, or a screening (a search, not a record).
AUDITOR_SELF_SERVICE = {
    ("POST", "/api/v1/accounts/tokens"),
    ("PATCH", "/api/v1/accounts/me"),
    ("POST", "/api/v1/exchange/notifications/read"),
    ("PUT", "/api/v1/exchange/notification-preferences"),
    ("POST", "/api/v1/screening/query"),
    ("POST", "/api/v1/screening/batches"),
}


def test_auditors_change_nothing():
    """BRIEF: an auditor reads everything of their side and changes nothing — no rule of a
    writing operation lets an auditor through, but for their own account."""
    writers = [
        key
        for key, rule in API_RULES.items()
        if key[0] != "GET"
        and key not in AUDITOR_SELF_SERVICE
        and any(rule.expect(f"auditor@{side}") == "ok" for side in ("jp", "kg", "uz"))
    ]
    assert writers == []
    assert set(API_RULES) >= AUDITOR_SELF_SERVICE


def test_a_rule_reads_as_documented():
    """The vocabulary itself: a record of the Kyrgyz side marked for both sides, which only
    a Kyrgyz registrar may change."""
    rule = Rule(see="both", may=("registrar@origin",), origin="kg")
    assert rule.expect(ANONYMOUS) == "login"
    assert rule.expect(ANONYMOUS, names_record=True) == "404"
    assert rule.expect("registrar@kg") == "ok"
    assert rule.expect("officer@kg") == "403"
    assert rule.expect("registrar@jp") == "403"
    assert rule.expect("registrar@uz") == "404"
    side_only = Rule(see="origin", may=("*@*",), origin="jp")
    assert [side_only.expect(u) for u in ("officer@jp", "officer@kg", "auditor@uz")] == [
        "ok",
        "404",
        "404",
    ]
    role_first = Rule(see="both", may=("auditor@*",), role_first=True)
    assert role_first.expect("officer@uz") == "403"
    assert role_first.expect("auditor@uz") == "404"
    assert Rule(see="public").expect(ANONYMOUS) == "ok"
    assert Rule(see="signin").expect(ANONYMOUS) == "signin"
    assert _matches("signin", "login") and not _matches("ok", "login")
