from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sswbridge.accounts.models import Role
from sswbridge.support import samples, services
from tests import factories


@pytest.fixture
def published_list(jp_kg, tmp_path: Path) -> list[dict[str, Any]]:
    """Japan's list imported for jp-kg (and so published on the Kyrgyz portal); its rows."""
    rows = samples.make_rows(12)
    rows[0]["name"] = '=HYPERLINK("http://evil.example","click")'
    rows[1]["representative"] = "+81 3 1234"
    rows[2]["notes"] = "@SUM(A1:A2)"
    rows[3]["address"] = "-1+2"
    rows[4]["languages"] = "\tTab first"
    rows[5]["name"] = "株式会社 サクラ・サポート"
    registrar = factories.make_user("isa", Role.REGISTRAR)
    path = samples.write_list(tmp_path / "list.xlsx", rows)
    services.import_file(actor=registrar, framework=jp_kg, path=path)
    return rows
