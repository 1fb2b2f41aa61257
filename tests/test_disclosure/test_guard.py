"""Without consent the other side's information does not leave: the guard and its paths."""

from __future__ import annotations

import pytest

from sswbridge.accounts.models import Role
from sswbridge.core import exportguard
from sswbridge.screening.exports import WITHHELD_HEADER, screening_results
from sswbridge.screening.models import ScreeningBatch
from tests.helpers import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def jp_user(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("isa", Role.OFFICER)


@pytest.fixture
def kg_user(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("kg-ceca", Role.OFFICER)


@pytest.fixture
def records(jp_kg):  # type: ignore[no-untyped-def]
    kg = factories.make_intermediary(jp_kg, agency_code="kg-ceca")
    jp = factories.make_intermediary(jp_kg, agency_code="isa")
    public = factories.make_intermediary(jp_kg, agency_code="kg-ceca", marking="public")
    return kg, jp, public


def test_the_guard_passes_own_side_and_public_and_refuses_the_other_side(records, jp_user, kg_user):
    kg, jp, public = records
    assert exportguard.may_export(jp_user, jp) and exportguard.may_export(kg_user, kg)
    assert exportguard.may_export(jp_user, public) and exportguard.may_export(kg_user, public)
    with pytest.raises(exportguard.ExportRefused):
        exportguard.require_export_right(jp_user, kg)
    with pytest.raises(exportguard.ExportRefused):
        exportguard.require_export_right(kg_user, jp)
    with pytest.raises(exportguard.ExportRefused):
        exportguard.require_export_right(object(), jp)  # anonymous / no agency


def _csv(*records) -> str:  # type: ignore[no-untyped-def]
    lines = ["query_id,candidate_id,candidate_name,score"]
    lines += [f"q{n},intermediary:{r.pk},Name {n},0.9000" for n, r in enumerate(records)]
    return "\n".join(lines) + "\n"


def test_screening_results_hold_back_the_other_sides_rows(records, jp_user, kg_user):
    kg, jp, public = records
    text = _csv(kg, jp, public)
    shown, withheld = screening_results(jp_user, text)
    assert str(jp.pk) in shown and str(public.pk) in shown and str(kg.pk) not in shown
    assert withheld == 1
    shown, withheld = screening_results(kg_user, text)
    assert str(kg.pk) in shown and str(jp.pk) not in shown and withheld == 1


@pytest.fixture
def batch(records, jp_user):  # type: ignore[no-untyped-def]
    kg, jp, public = records
    return ScreeningBatch.objects.create(
        owner=jp_user,
        file_name="names.csv",
        queries_csv="id,name,kind,country\n",
        threshold=0.8,
        limit=5,
        status="done",
        results_csv=_csv(kg, jp, public),
    )


def test_the_results_download_page_and_api_apply_the_guard(batch, records, jp_user):
    from tests.helpers.api import Api

    kg, jp, _public = records
    page = factories.verified_client(jp_user).get(f"/screening/batches/{batch.pk}/results.csv")
    api = Api(jp_user, "/api/v1/screening").get(f"/batches/{batch.pk}/results")
    for response in (page, api):
        assert response.status_code == 200
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert str(jp.pk).encode() in body
        assert str(kg.pk).encode() not in body
        assert response[WITHHELD_HEADER] == "1"
