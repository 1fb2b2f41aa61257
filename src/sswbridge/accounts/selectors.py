"""Who manages which accounts: an administrator manages the accounts of their own side only.

This holds in hosted mode too (one node hosting every side): Japan's administrator does not
see, edit, deactivate or delete a Kyrgyz account, nor reset its password or second factor.
There is no exception for `is_superuser` (the bridge grants nothing by that flag); the
server's operator acts through management commands, which write who ran them
(`core/operator.py`) into the audit trail of the account's side.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from sswbridge.accounts.models import Agency, Role, User


def _administrator_side_id(actor: Any) -> int | None:
    if not (
        getattr(actor, "is_authenticated", False)
        and actor.is_active
        and getattr(actor, "role", None) == Role.ADMINISTRATOR
    ):
        return None
    side_id: int = actor.agency.side_id
    return side_id


def users_managed_by(actor: Any) -> models.QuerySet[User]:
    """The accounts `actor` may manage: those of the administrator's own side."""
    side_id = _administrator_side_id(actor)
    if side_id is None:
        return User.objects.none()
    return User.objects.filter(agency__side_id=side_id)


def agencies_managed_by(actor: Any) -> models.QuerySet[Agency]:
    """The agencies `actor` may manage (and put accounts in): those of their own side."""
    side_id = _administrator_side_id(actor)
    if side_id is None:
        return Agency.objects.none()
    return Agency.objects.filter(side_id=side_id)


def may_manage_user(actor: Any, user: User) -> bool:
    """Whether `actor` may change, deactivate, delete `user` or reset their password or
    second factor."""
    side_id = _administrator_side_id(actor)
    return side_id is not None and user.agency.side_id == side_id
