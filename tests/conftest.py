from __future__ import annotations

import pytest

from tests import factories


@pytest.fixture
def jp_kg(db):  # type: ignore[no-untyped-def]
    return factories.jp_kg()


@pytest.fixture
def jp_uz(db):  # type: ignore[no-untyped-def]
    return factories.second_framework()
