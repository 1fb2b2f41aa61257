"""The shapes of a page's POST form.

A detail page has small forms (consent, cancel, add a note) that each run one service and come
back to the page. `post_action` is that view's body: an invalid form's errors, a service's
ValidationError and the refusals the caller names all become error messages; success becomes
the `done` message; the answer is always the redirect back.

A page with its own form (new record, edit) re-renders that form when the service refuses:
`run_on_form` calls the service and puts its refusals on the form instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django_stubs_ext import StrOrPromise

from sswbridge.core.forms import apply_errors, error_messages

_T = TypeVar("_T")


def run_action(
    request: HttpRequest,
    action: Callable[[], object],
    *,
    done: StrOrPromise,
    refusals: tuple[type[Exception], ...] = (),
) -> bool:
    """Run the service; its ValidationError and `refusals` (which carry a `message`, else
    their text) as error messages, success as `done`. True when it ran through."""
    try:
        action()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    except refusals as exc:
        messages.error(request, str(getattr(exc, "message", exc)))
    else:
        messages.success(request, done)
        return True
    return False


def post_action(
    request: HttpRequest,
    action: Callable[[], object],
    *,
    done: StrOrPromise,
    back: HttpResponse,
    refusals: tuple[type[Exception], ...] = (),
    form: forms.BaseForm | None = None,
) -> HttpResponse:
    """Check `form` (when given; `action` may read its cleaned_data), run the service, say how
    it went and answer `back`, the redirect to the page the form is on."""
    if form is not None and not form.is_valid():
        error_messages(request, form)
        return back
    run_action(request, action, done=done, refusals=refusals)
    return back


def run_on_form(
    form: forms.BaseForm,
    write: Callable[[], _T],
    *,
    refusals: tuple[type[Exception], ...] = (),
) -> _T | None:
    """Call a service for a valid form and return what it returns; its ValidationError becomes
    the fields' errors, a PermissionDenied or one of `refusals` the form's own error (None
    then)."""
    refused: tuple[type[Exception], ...] = (PermissionDenied, *refusals)
    try:
        return write()
    except ValidationError as exc:
        apply_errors(form, exc)
    except refused as exc:
        form.add_error(None, str(getattr(exc, "message", None) or exc))
    return None
