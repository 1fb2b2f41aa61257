from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from sswbridge.accounts.models import Role
from sswbridge.support import samples, services
from tests.helpers import factories


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


@pytest.fixture
def sending(jp_kg):
    """An approved sending organization published on the Kyrgyz portal, and one revoked."""
    from sswbridge.sending.services import organizations as sending_services
    from tests.helpers import registers

    partner = factories.make_user("kg-ceca", Role.REGISTRAR)
    approved = registers.approved(
        partner, jp_kg, name_ky="«Ак-Жол» ЖЧК", name_ru="ОсОО «Ак-Жол»", name_en="Ak-Jol LLC"
    )
    revoked = registers.approved(
        partner, jp_kg, name_ky="«Көк-Жар» ЖЧК", name_ru="ОсОО «Кок-Жар»", name_en="Kok-Jar LLC",
        registration_number="777777-3301-OOO",
    )  # fmt: skip
    sending_services.change_status(
        actor=partner, organization=revoked, status="revoked",
        reason="Collected deposits from workers", effective_date=dt.date(2026, 5, 4),
    )  # fmt: skip
    return approved, revoked
