"""What the register pages share: running a service for a form and showing its refusals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError

from sswbridge.exchange.services import ExchangeError


def apply_errors(form: forms.Form, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.message_dict.items():
        target = name if name in form.fields else None
        for message in errors:
            form.add_error(target, message)


def run(form: forms.Form, write: Callable[[], Any]) -> Any:
    """Call a service for a valid form; its refusals become the form's errors (None then)."""
    try:
        return write()
    except ValidationError as exc:
        apply_errors(form, exc)
    except (PermissionDenied, ExchangeError) as exc:
        form.add_error(None, getattr(exc, "message", None) or str(exc))
    return None
