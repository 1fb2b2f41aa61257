"""The exchange knows no register: the apps that keep them register their kinds and hooks with
it (exchange/kinds.py, exchange/hooks.py), and it imports none of them, only the apps beneath
it (the federation, which carries its communications to another node, is one of them). An
allow-list, so that a register split into new apps is covered too."""

from __future__ import annotations

import grimp
import pytest

BENEATH = {"core", "accounts", "frameworks", "audit", "readlog", "federation"}


@pytest.fixture(scope="module")
def imported_apps() -> dict[str, set[str]]:
    """Each sswbridge app that a module of the exchange imports, with the modules importing it."""
    graph = grimp.build_graph("sswbridge", cache_dir=None)
    found: dict[str, set[str]] = {}
    for module in graph.find_descendants("sswbridge.exchange"):
        for imported in graph.find_modules_directly_imported_by(module):
            app = imported.split(".")[1]
            if app != "exchange":
                found.setdefault(app, set()).add(module)
    return found


def test_the_exchange_imports_only_the_apps_beneath_it(imported_apps):
    assert {app: mods for app, mods in imported_apps.items() if app not in BENEATH} == {}


@pytest.mark.parametrize(
    "register",
    [
        "registry",
        "sending",
        "cases",
        "suspensions",
        "lifecycle",
        "consultations",
        "disclosure",
        "support",
        "publication",
    ],
)
def test_the_exchange_imports_no_register(imported_apps, register):
    assert register not in imported_apps
