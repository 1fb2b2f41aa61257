"""One rule for downloading an export package (services.may_download), asked by the page and
the API alike: only the agency that made the package may download it."""

from __future__ import annotations

import pytest

from sswbridge.disclosure import services
from sswbridge.disclosure.models import Disclosure
from tests.helpers import factories
from tests.helpers.api import Api
from tests.helpers.disclosure import file_request, in_a_month

pytestmark = pytest.mark.django_db


@pytest.fixture
def package(jp_officer, kg_cp, received) -> Disclosure:  # type: ignore[no-untyped-def]
    r = file_request(jp_officer, received, ["subject"])
    services.grant(actor=kg_cp, request=r, expires_on=in_a_month())
    return services.export(actor=jp_officer, request=r)


def test_the_agency_that_made_the_package_may_download_it(package, jp_officer):
    assert services.may_download(jp_officer, package)


def test_the_other_side_may_not_download_it(package, kg_cp):
    assert not services.may_download(kg_cp, package)


def test_another_agency_of_the_same_side_may_not_download_it(package):
    other = factories.make_user("mofa", "officer")
    assert not services.may_download(other, package)


def _statuses(user, package):  # type: ignore[no-untyped-def]
    page = factories.verified_client(user).get(f"/disclosure/packages/{package.pk}/")
    api = Api(user, "/api/v1/disclosure").get(f"/ledger/{package.pk}/package")
    return page.status_code, api.status_code


def test_the_page_and_the_api_ask_the_same_rule(package, jp_officer, monkeypatch):
    assert _statuses(jp_officer, package) == (200, 200)
    monkeypatch.setattr(services, "may_download", lambda user, disclosure: False)
    assert _statuses(jp_officer, package) == (403, 403)
