"""NUL and other control characters are refused at the edge (issue 12, point 4): 404 in a
path, 400 in a query, a form field or a JSON body, translated for pages and in the API's
error shape; cookies holding one are ignored; uploaded CSV cells are refused naming their
line and column. On PostgreSQL every one of these answered 500 before."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client, RequestFactory

from sswbridge.accounts.models import ApiToken, Role
from sswbridge.screening.models import ScreeningBatch
from sswbridge.security.controls import control_character
from sswbridge.security.input import ControlCharacterMiddleware
from tests.helpers import factories

pytestmark = pytest.mark.django_db


def _bearer(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    raw, fields = ApiToken.generate()
    ApiToken.objects.create(user=user, **fields)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def _passes(request) -> bool:  # type: ignore[no-untyped-def]
    """Whether the middleware lets the request through to the view."""
    response = ControlCharacterMiddleware(lambda r: HttpResponse("view"))(request)
    return response.content == b"view"


def test_a_nul_in_a_public_api_path_is_404_in_the_error_shape(jp_kg):
    response = Client().get("/api/v1/public/kg/support-organizations/%00")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found" and response.json()["message"]


def test_a_nul_in_a_portal_path_is_the_not_found_page(jp_kg):
    response = Client().get("/portal/kg/support-organizations/a%00b/")
    assert response.status_code == 404
    assert 'data-testid="not-found"' in response.content.decode()


def test_a_nul_in_a_query_is_400_with_a_page_in_the_visitors_language(jp_kg):
    response = Client().get(
        "/portal/kg/support-organizations/", {"q": "a\x00b"}, HTTP_ACCEPT_LANGUAGE="ja"
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert 'lang="ja"' in body and 'data-testid="invalid-characters"' in body


def test_a_nul_in_an_api_query_is_400_naming_the_parameter(jp_kg):
    response = Client().get("/api/v1/public/kg/support-organizations", {"q": "a\x00b"})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_characters"
    assert response.json()["field"] == "q" and "U+0000" in response.json()["message"]


def test_a_nul_in_a_form_field_is_400_before_the_sign_in_looks_it_up(jp_kg):
    response = Client().post("/accounts/login/", {"identifier": "a\x00b", "password": "x"})
    assert response.status_code == 400
    assert "identifier" in response.content.decode()


def test_a_control_character_deep_in_a_json_body_is_400_naming_the_field(jp_kg):
    user = factories.make_user("kg-ceca", Role.OFFICER)
    body = {"framework": "jp-kg", "kind": "inquiry", "subject": "S", "payload": {"a": ["\x1b"]}}
    response = Client().post(
        "/api/v1/exchange/communications",
        json.dumps(body),
        content_type="application/json",
        **_bearer(user),
    )
    assert response.status_code == 400
    assert response.json()["field"] == "payload.a.0"


def test_line_breaks_and_tabs_in_text_pass_but_not_in_a_name():
    factory = RequestFactory()
    text = json.dumps({"body": "line one\r\nline two\tend"})
    assert _passes(factory.post("/api/v1/x", text, content_type="application/json"))
    assert _passes(factory.get("/x", {"q": "two\nlines"}))
    assert not _passes(factory.get("/x", {"q\n": "x"}))
    assert not _passes(factory.post("/api/v1/x", '{"a\\nb": 1}', content_type="application/json"))


@pytest.mark.parametrize("character", ["\x00", "\x08", "\x1f", "\x7f", "\x85", "\x9b"])
def test_c0_del_and_c1_characters_are_refused(character):
    assert control_character(f"a{character}b") == character
    assert not _passes(RequestFactory().post("/x", {"name": f"a{character}b"}))


def test_a_file_may_hold_any_bytes_but_a_form_field_beside_it_may_not():
    upload = SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\x85")
    factory = RequestFactory()
    assert _passes(factory.post("/x", {"file": upload, "title": "Photo"}))
    upload.seek(0)
    assert not _passes(factory.post("/x", {"file": upload, "title": "Pho\x00to"}))


def test_a_cookie_holding_a_nul_is_ignored(jp_kg):
    client = Client()
    client.cookies["sessionid"] = '"\\000\\000\\000\\000\\000\\000\\000\\000\\000"'
    response = client.get("/home/")
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/home/")


def test_a_too_large_api_body_still_gets_the_apis_own_answer(jp_kg, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    user = factories.make_user("kg-ceca", Role.OFFICER)
    body = json.dumps({"framework": "jp-kg", "title": "x" * 500, "subject_type": "other"})
    response = Client().post(
        "/api/v1/cases", body, content_type="application/json", **_bearer(user)
    )
    assert response.status_code == 413 and response.json()["code"] == "too_large"


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("names.csv", text.encode(), content_type="text/csv")


def test_a_screening_batch_with_a_nul_in_a_name_is_refused_naming_line_and_column(jp_kg):
    user = factories.make_user("kg-ceca", Role.OFFICER)
    response = Client().post(
        "/api/v1/screening/batches",
        {"queries": _csv("id,name,kind,country\n1,Good,,\n2,a\x00b,,KG\n")},
        **_bearer(user),
    )
    assert response.status_code == 400
    assert "Line 3, column 2" in response.json()["message"]
    page = factories.verified_client(user).post(
        "/screening/batches/",
        {"queries": _csv("id,name,kind,country\n1,a\x85b,,\n"), "threshold": "0.7", "limit": "5"},
    )
    assert page.status_code == 400 and "Line 2, column 2" in page.content.decode()
    assert not ScreeningBatch.objects.exists()
