"""One-time links to set one's password and then enrol the second factor.

A link names the account and carries a signed token (Django's password-reset token with
its own salt): it expires after SSWBRIDGE_ENROLMENT_LINK_HOURS, and it is single-use because
the token signs the account's password hash, which setting the password changes."""

from __future__ import annotations

import enum

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes, force_str
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode

from sswbridge.accounts.models import User


class LinkState(enum.Enum):
    VALID = "valid"
    EXPIRED = "expired"
    INVALID = "invalid"  # used already, superseded, or never issued


class _Tokens(PasswordResetTokenGenerator):
    key_salt = "sswbridge.accounts.links.EnrolmentLink"

    def make(self, user: User) -> str:
        return self.make_token(user)

    def state(self, user: User, token: str) -> LinkState:
        try:
            ts_b36, _hash = token.split("-", 1)
            timestamp = base36_to_int(ts_b36)
        except ValueError:
            return LinkState.INVALID
        expected = self._make_token_with_timestamp(user, timestamp, self.secret)
        if not constant_time_compare(expected, token):
            return LinkState.INVALID
        age = self._num_seconds(self._now()) - timestamp
        if age > settings.ENROLMENT_LINK_HOURS * 3600:
            return LinkState.EXPIRED
        return LinkState.VALID


tokens = _Tokens()


def path_for(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("accounts:welcome", kwargs={"uidb64": uid, "token": tokens.make(user)})


def url_for(user: User) -> str:
    """The link to hand to the person, on this node's public address."""
    return settings.PUBLIC_URL + path_for(user)


def resolve(uidb64: str, token: str) -> tuple[User | None, LinkState]:
    """The account a link names, and whether the link still works."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (ValueError, OverflowError):
        return None, LinkState.INVALID
    user = User.objects.select_related("agency__side").filter(pk=pk, is_active=True).first()
    if user is None:
        return None, LinkState.INVALID
    return user, tokens.state(user, token)
