"""What the register services of sending organizations and investigations share: their
refusal."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.functional import Promise


class NotPermitted(PermissionDenied):
    """The user may not change this part of the register; `code` is machine-readable."""

    def __init__(self, code: str, message: str | Promise) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = str(message)
