"""What every app's HTML views do with a form: a service's refusal shown on the form's fields,
a form's errors shown as page messages."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def apply_errors(form: forms.BaseForm, exc: ValidationError, *, field_prefix: str = "") -> None:
    """Put a service's ValidationError on the form: each message on the field it names (or on
    `field_prefix` + that name, for forms whose fields carry a prefix), the rest on the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.message_dict.items():
        target = next((n for n in (name, field_prefix + name) if n in form.fields), None)
        for message in errors:
            form.add_error(target, message)


def error_messages(request: HttpRequest, form: forms.BaseForm) -> None:
    """Each of an invalid form's errors as an error message of the page it redirects to."""
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, str(message))
