"""What the browser tests do on a page: the sign-in form."""

from __future__ import annotations

from typing import Any


def sign_in_with_password(page: Any, identifier: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username or e-mail").fill(identifier)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Continue").click()
