"""Agencies, users with one agency and one role, API tokens."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sswbridge.frameworks.models import (
    Framework,
    LocalizedNames,
    Side,
    SideKind,
    validate_time_zone,
)


class Agency(LocalizedNames):
    """A ministry, agency or office of one side."""

    side = models.ForeignKey(
        Side, verbose_name=_("side"), on_delete=models.PROTECT, related_name="agencies"
    )
    code = models.SlugField(_("code"), max_length=32, unique=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=32, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["side", "code"]


class Role(models.TextChoices):
    CONTACT_POINT = "contact_point", _("Contact-point officer")
    OFFICER = "officer", _("Officer")
    REGISTRAR = "registrar", _("Registrar")
    AUDITOR = "auditor", _("Auditor")
    ADMINISTRATOR = "administrator", _("Administrator")


class BridgeUserManager(UserManager["User"]):
    pass


class User(AbstractUser):
    """A staff account: exactly one agency, one role, always two-factor."""

    email = models.EmailField(_("e-mail"), unique=True)
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="users"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.OFFICER)
    failed_login_count = models.PositiveIntegerField(_("failed sign-ins in a row"), default=0)
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)
    # Issue 16, point 7: the interface language the user chose (the language switch stores
    # it) and their time zone; mail goes out in them. Blank: the site's language, the side's
    # zone.
    language = models.CharField(_("language"), max_length=8, blank=True, choices=settings.LANGUAGES)
    time_zone = models.CharField(
        _("time zone"), max_length=64, blank=True, validators=[validate_time_zone]
    )

    objects: ClassVar[BridgeUserManager] = BridgeUserManager()

    REQUIRED_FIELDS: ClassVar[list[str]] = ["email", "agency"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    @property
    def side(self) -> Side:
        return self.agency.side

    @property
    def zone_name(self) -> str:
        """The user's time zone: their own choice, else their side's."""
        return self.time_zone or self.agency.side.time_zone or "UTC"

    @property
    def mail_language(self) -> str:
        return self.language or settings.LANGUAGE_CODE

    @property
    def is_japan(self) -> bool:
        return self.agency.side.kind == SideKind.JAPAN

    def visible_frameworks(self) -> models.QuerySet[Framework]:
        """Japan takes part in every framework; a partner user sees only its own."""
        if not self.is_active:
            return Framework.objects.none()
        if self.is_japan:
            return Framework.objects.all()
        return Framework.objects.filter(partner_side_id=self.agency.side_id)

    def has_role(self, *roles: str) -> bool:
        return self.role in roles

    @property
    def is_locked(self) -> bool:
        return self.locked_until is not None and self.locked_until > timezone.now()


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True, user__is_active=True)

    def authenticate(self, raw: str) -> ApiToken | None:
        return (
            self.active()
            .select_related("user", "user__agency__side")
            .filter(key_hash=_hash_token(raw))
            .first()
        )


class ApiToken(models.Model):
    """A per-user bearer token for /api/v1; only its hash is stored; it can be revoked."""

    PREFIX = "sswb_"

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    key_prefix = models.CharField(_("key prefix"), max_length=16)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.key_prefix}… ({self.user})"

    @classmethod
    def generate(cls) -> tuple[str, dict[str, Any]]:
        raw = cls.PREFIX + secrets.token_urlsafe(32)
        return raw, {"key_prefix": raw[:12], "key_hash": _hash_token(raw)}
