"""The intermediaries register's pages: the records (`intermediaries`) and the resolution of
duplicates (`merges`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError

from sswbridge.core.forms import apply_errors
from sswbridge.exchange.services import ExchangeError


def run(form: forms.Form, write: Callable[[], Any]) -> Any:
    """Call a service for a valid form; its refusals become the form's errors (None then)."""
    try:
        return write()
    except ValidationError as exc:
        apply_errors(form, exc)
    except (PermissionDenied, ExchangeError) as exc:
        form.add_error(None, getattr(exc, "message", None) or str(exc))
    return None
