"""The live index saved on disk: a restart loads it, and what changed since still shows."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from sswbridge.frameworks.models import Framework
from sswbridge.intermediaries.models import Script
from sswbridge.screening import live, store
from sswbridge.screening.entries import Query
from sswbridge.screening.models import ScreeningChange
from sswbridge.screening.selectors import screen
from tests.helpers import factories

pytestmark = pytest.mark.django_db


def found(name: str, user: object) -> list[str]:
    return [c.entry.id for c in screen(Query.of(name), user=user)]  # type: ignore[arg-type]


def restart(monkeypatch: pytest.MonkeyPatch, *, rebuild_allowed: bool = False) -> None:
    """What a new process starts with: no index in memory. Unless allowed, building the
    index from the registers then fails the test."""
    live.reset()
    if not rebuild_allowed:

        def refuse() -> None:
            raise AssertionError("the index was rebuilt from the registers")

        monkeypatch.setattr(live, "load", refuse)


def test_a_restart_loads_the_saved_index_without_rebuilding_it(
    jp_kg: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = factories.make_user("isa")
    item = factories.make_intermediary(jp_kg)
    live.get_index()  # built and saved
    loaded = live.counts["loaded"]
    restart(monkeypatch)
    assert (found("Ak-Jol Trevel LLC", user), live.counts["loaded"]) == (
        [f"intermediary:{item.pk}"],
        loaded + 1,
    )


def test_register_changes_after_the_save_show_after_a_restart(
    jp_kg: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = factories.make_user("isa")
    merged = factories.make_intermediary(jp_kg, names=[("Манас Кадр", Script.CYRILLIC, "ky")])
    target = factories.make_intermediary(jp_kg, names=[("Тулпар Стафф", Script.CYRILLIC, "ky")])
    erased = factories.make_intermediary(jp_kg, names=[("Сапат Жол", Script.CYRILLIC, "ky")])
    live.get_index()  # built and saved with all three
    new = factories.make_intermediary(jp_kg, names=[("Ала-Тоо Тревел", Script.CYRILLIC, "ky")])
    merged.merged_into = target
    merged.save()
    erased.delete()
    restart(monkeypatch)
    results = (found("Ala-Too Trevel", user), found("Manas Kadr", user), found("Sapat Jol", user))
    assert results == ([f"intermediary:{new.pk}"], [], [])


def test_a_file_changed_by_hand_is_not_used(
    jp_kg: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = factories.make_user("isa")
    factories.make_intermediary(jp_kg, names=[("Манас Кадр", Script.CYRILLIC, "ky")])
    live.get_index()
    saved = store.path()
    tampered = saved.read_bytes().replace("Манас".encode(), "Бишкек".encode())
    saved.write_bytes(tampered.replace(b'"manas"', b'"bishkek"'))
    restart(monkeypatch, rebuild_allowed=True)
    built = live.counts["built"]
    assert (found("Bishkek Kadr", user), live.counts["built"]) == ([], built + 1)


def test_a_database_put_back_to_an_earlier_state_rebuilds_the_index(
    jp_kg: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = factories.make_user("isa")
    item = factories.make_intermediary(jp_kg, names=[("Манас Кадр", Script.CYRILLIC, "ky")])
    live.get_index()
    # As a restore from a backup would: the record and its change-log rows are gone.
    ScreeningChange.objects.all().delete()
    item.delete()
    ScreeningChange.objects.all().delete()
    restart(monkeypatch, rebuild_allowed=True)
    built = live.counts["built"]
    assert (found("Manas Kadr", user), live.counts["built"]) == ([], built + 1)


def test_an_index_made_by_other_analysis_code_is_rebuilt(
    jp_kg: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    factories.make_intermediary(jp_kg)
    live.get_index()
    monkeypatch.setattr(store, "engine", lambda: "another version")
    restart(monkeypatch, rebuild_allowed=True)
    built = live.counts["built"]
    live.get_index()
    assert live.counts["built"] == built + 1


def test_a_process_saves_again_after_many_changes(
    jp_kg: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(live, "RESAVE_AFTER", 2)
    live.get_index()
    factories.make_intermediary(jp_kg, names=[("Манас Кадр", Script.CYRILLIC, "ky")])
    factories.make_intermediary(jp_kg, names=[("Сапат Жол", Script.CYRILLIC, "ky")])
    live.get_index()  # re-reads the two records, then saves
    saved = store.read()
    assert saved is not None and len(saved[0]) == 2


def test_a_reader_never_sees_a_half_written_file(jp_kg: Framework) -> None:
    for n in range(30):
        factories.make_intermediary(jp_kg, names=[(f"Organization {n} LLC", Script.LATIN, "en")])
    index = live.get_index()
    position = store.Position(seen=1, seen_at="", horizon=live.timezone.now(), applied={})
    stop = threading.Event()

    def writer() -> None:
        while not stop.is_set():
            store.write(index, position)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        sizes = set()
        for _ in range(200):
            saved = store.read()
            sizes.add(len(saved[0]) if saved is not None else None)
    finally:
        stop.set()
        thread.join()
    assert sizes == {30}


def test_without_a_secret_key_the_index_is_neither_saved_nor_loaded(
    jp_kg: Framework, settings: Any
) -> None:
    user = factories.make_user("isa")
    item = factories.make_intermediary(jp_kg)
    settings.SECRET_KEY = ""
    saved = live.counts["saved"]
    found_first = found("Ak-Jol Trevel LLC", user)
    live.reset()
    built = live.counts["built"]
    found_again = found("Ak-Jol Trevel LLC", user)
    assert (found_first, found_again, live.counts["saved"], live.counts["built"]) == (
        [f"intermediary:{item.pk}"],
        [f"intermediary:{item.pk}"],
        saved,
        built + 1,
    )
