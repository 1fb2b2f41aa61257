from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sswbridge.accounts.models import Role
from sswbridge.support import samples
from tests.helpers import factories


@pytest.fixture
def registrar(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("isa", Role.REGISTRAR)


@pytest.fixture
def rows() -> list[dict[str, Any]]:
    return samples.make_rows(30)


@pytest.fixture
def write(tmp_path: Path):  # type: ignore[no-untyped-def]
    """write(rows, name=..., **options) -> path of an .xlsx in Japan's layout."""
    counter = iter(range(1000))

    def _write(rows: list[dict[str, Any]], name: str = "", **options: Any) -> Path:
        path = tmp_path / (name or f"list{next(counter)}.xlsx")
        return samples.write_list(path, rows, **options)

    return _write


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """Uploaded lists go to a temporary directory, not the checkout's var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)
