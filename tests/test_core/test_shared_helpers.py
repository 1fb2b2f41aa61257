"""The shared helpers of services and views: text and choice cleaning, a service's errors on a
form, and the form -> service -> message -> redirect shape of a page's POST forms."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.test import RequestFactory

from sswbridge.core.actions import post_action, run_action
from sswbridge.core.cleaning import clean_choice, clean_text
from sswbridge.core.forms import apply_errors, error_messages


def _errors(call, *args, **kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as exc:
        call(*args, **kwargs)
    return exc.value.message_dict


def test_text_is_trimmed_with_its_line_ends_made_newlines():
    assert clean_text("note", "  a\r\nb\rc  ", limit=10) == "a\nb\nc"


def test_a_line_has_its_spaces_collapsed():
    assert clean_text("title", " a \n  b ", limit=10, line=True) == "a b"


def test_a_missing_required_text_is_refused_under_its_name():
    assert list(_errors(clean_text, "title", "   ", limit=10)) == ["title"]


def test_an_optional_text_may_be_empty():
    assert clean_text("note", None, limit=10, required=False) == ""


def test_a_null_character_is_refused():
    assert _errors(clean_text, "note", "a\x00b", limit=10) == {
        "note": ["Null characters are not allowed."]
    }


def test_a_text_longer_than_its_limit_is_refused_with_the_limit():
    assert _errors(clean_text, "note", "abcd", limit=3) == {
        "note": ["At most 3 characters are allowed."]
    }


def test_a_choice_is_kept():
    assert clean_choice("kind", "b", ("a", "b")) == "b"


@pytest.mark.parametrize("value", ["c", None, ["a"]])
def test_anything_else_is_not_a_valid_choice(value):
    assert list(_errors(clean_choice, "kind", value, ("a", "b"))) == ["kind"]


class _Form(forms.Form):
    title = forms.CharField()
    p_topic = forms.CharField()


def _bound() -> _Form:
    form = _Form({"title": "t", "p_topic": "x"})
    assert form.is_valid()
    return form


def test_a_services_errors_go_on_the_fields_they_name_and_the_rest_on_the_form():
    form = _bound()
    apply_errors(form, ValidationError({"title": ["Taken."], "other": ["No."]}))
    assert (form.errors["title"], form.non_field_errors()) == (["Taken."], ["No."])


def test_an_error_may_name_a_prefixed_field():
    form = _bound()
    apply_errors(form, ValidationError({"topic": ["Unknown."]}), field_prefix="p_")
    assert form.errors["p_topic"] == ["Unknown."]


def test_an_error_without_fields_goes_on_the_form():
    form = _bound()
    apply_errors(form, ValidationError("Closed."))
    assert form.non_field_errors() == ["Closed."]


def _request() -> HttpRequest:
    request = RequestFactory().post("/")
    request._messages = CookieStorage(request)  # type: ignore[attr-defined]
    return request


def _said(request: HttpRequest) -> list[tuple[str, str]]:
    return [(m.level_tag, m.message) for m in messages.get_messages(request)]


def test_an_invalid_forms_errors_become_page_messages():
    request = _request()
    form = _Form({"title": "t"})
    form.is_valid()
    error_messages(request, form)
    assert _said(request) == [("error", "This field is required.")]


def test_an_action_that_runs_says_done():
    request = _request()
    assert run_action(request, lambda: None, done="Saved.") is True
    assert _said(request) == [("success", "Saved.")]


def test_a_refused_action_says_why():
    def refuse() -> None:
        raise ValidationError({"title": ["Taken."], "body": ["Empty."]})

    request = _request()
    assert run_action(request, refuse, done="Saved.") is False
    assert sorted(_said(request)) == [("error", "Empty."), ("error", "Taken.")]


class _Refused(Exception):
    message = "Not on this framework."


def _raise(exc: Exception):
    def action() -> None:
        raise exc

    return action


def test_a_named_refusal_becomes_its_message():
    request = _request()
    run_action(request, _raise(_Refused()), done="Saved.", refusals=(_Refused,))
    assert _said(request) == [("error", "Not on this framework.")]


def test_a_refusal_not_named_goes_on_up():
    with pytest.raises(PermissionDenied):
        run_action(_request(), _raise(PermissionDenied()), done="Saved.", refusals=(_Refused,))


def test_post_action_runs_nothing_for_an_invalid_form_and_goes_back():
    request, ran = _request(), []
    back = HttpResponseRedirect("/page/")
    answer = post_action(
        request, lambda: ran.append(1), done="Saved.", back=back, form=_Form({"title": "t"})
    )
    assert (answer, ran, _said(request)) == (back, [], [("error", "This field is required.")])


def test_post_action_runs_the_service_with_a_valid_form_and_goes_back():
    request, form = _request(), _Form({"title": "t", "p_topic": "x"})
    ran: list[str] = []
    back = HttpResponseRedirect("/page/")
    answer = post_action(
        request,
        lambda: ran.append(form.cleaned_data["title"]),
        done="Saved.",
        back=back,
        form=form,
    )
    assert (answer, ran, _said(request)) == (back, ["t"], [("success", "Saved.")])
