from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sswbridge.accounts.models import Role
from tests.helpers import factories
from tests.helpers.disclosure import NAMES, PDF, SECRET_BODY


@pytest.fixture
def jp_cp(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("isa", Role.CONTACT_POINT, username="jp_cp")


@pytest.fixture
def jp_officer(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("isa", Role.OFFICER, username="jp_officer")


@pytest.fixture
def kg_cp(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("kg-ceca", Role.CONTACT_POINT, username="kg_cp")


@pytest.fixture
def kg_officer(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("kg-ceca", Role.OFFICER, username="kg_officer")


@pytest.fixture
def received(kg_cp, jp_kg):  # type: ignore[no-untyped-def]
    """A share from the Kyrgyz side, received by Japan, with two attachments (one withheld
    would be on a second share)."""
    return factories.make_communication(
        jp_kg,
        sender=kg_cp,
        kind="intermediary_share",
        subject="Посредник Ак-Жол: 日本の受入れ機関",
        body=f"<p>{SECRET_BODY}</p>",
        payload={"intermediary_names": NAMES, "acts": ["money_or_property"]},
        attachments=[SimpleUploadedFile("evidence.pdf", PDF, content_type="application/pdf")],
    )
