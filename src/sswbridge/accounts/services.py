"""Writes to accounts: users, sign-in state, second-factor devices, API tokens.

Each function runs in one transaction and writes its audit entry there.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sswbridge.accounts.models import Agency, ApiToken, Role, User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.frameworks.models import validate_time_zone

USER_AUDIT_FIELDS = ("username", "email", "agency_id", "role", "is_staff", "is_active")
TOKEN_AUDIT_FIELDS = ("user_id", "name", "key_prefix", "revoked_at")
RECOVERY_DEVICE_NAME = "recovery"


# Users ---------------------------------------------------------------------------------------


def command_side(*, actor: User | None, user: User) -> str | None:
    """The side an entry is filed under when a command (no actor) acts on `user`: the
    account's own, so that its side's administrators and auditors read what the server's
    operator did to it. None (the actor's side) when a person acts."""
    return str(user.agency.side.code) if actor is None else None


def with_os_user(changes: dict[str, object], os_user: str) -> dict[str, object]:
    """The changes, naming the operating-system user who ran the command (if any)."""
    return {**changes, "os_user": os_user} if os_user else changes


def create_user(
    *,
    actor: User | None,
    username: str,
    email: str,
    agency: Agency,
    role: str,
    password: str | None = None,
    is_staff: bool | None = None,
    first_name: str = "",
    last_name: str = "",
    os_user: str = "",
) -> User:
    """Create a staff account. Administrators get `is_staff` so the admin site lets them in.

    Raises ValidationError (with translated messages) for a bad role, a taken username or
    e-mail, or a password the validators refuse. Without a password the account cannot sign
    in until one is set.
    """
    if role not in Role.values:
        raise ValidationError(_("Unknown role: %(role)s.") % {"role": role}, code="role")
    with transaction.atomic():
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(_("A user with this e-mail already exists."), code="email")
        user = User(
            username=username,
            email=User.objects.normalize_email(email),
            agency=agency,
            role=role,
            is_staff=(role == Role.ADMINISTRATOR) if is_staff is None else is_staff,
            first_name=first_name,
            last_name=last_name,
        )
        if password is None:
            user.set_unusable_password()
        else:
            validate_password(password, user)
            user.set_password(password)
        user.full_clean()
        user.save()
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=user,
            side_code=command_side(actor=actor, user=user),
            changes=with_os_user(audit.diff({}, audit.snapshot(user, USER_AUDIT_FIELDS)), os_user),
        )
        return user


# Sign-in -------------------------------------------------------------------------------------


def _side_code(user: User) -> str:
    return str(user.agency.side.code)


def record_failed_sign_in(*, user: User, reason: str) -> bool:
    """Count one failure (wrong password or code); lock the account at the threshold.

    Returns True when the account is locked after this failure.
    """
    with transaction.atomic():
        locked = User.objects.select_for_update(no_key=True).get(pk=user.pk)
        now = timezone.now()
        if locked.is_locked:
            audit.record(
                actor=None,
                action=AuditAction.SIGN_IN_FAILED,
                obj=locked,
                side_code=_side_code(locked),
                changes={"reason": "locked"},
            )
            return True
        if locked.locked_until is not None:  # an earlier lock has run out: count afresh
            locked.failed_login_count = 0
            locked.locked_until = None
        locked.failed_login_count += 1
        audit.record(
            actor=None,
            action=AuditAction.SIGN_IN_FAILED,
            obj=locked,
            side_code=_side_code(locked),
            changes={"reason": reason, "failed_login_count": locked.failed_login_count},
        )
        if locked.failed_login_count >= settings.LOCKOUT_THRESHOLD:
            locked.locked_until = now + dt.timedelta(minutes=settings.LOCKOUT_MINUTES)
            audit.record(
                actor=None,
                action=AuditAction.LOCKED,
                obj=locked,
                side_code=_side_code(locked),
                changes={"locked_until": [None, locked.locked_until]},
            )
        locked.save(update_fields=["failed_login_count", "locked_until"])
        user.failed_login_count = locked.failed_login_count
        user.locked_until = locked.locked_until
        return locked.locked_until is not None


def record_unknown_sign_in(*, identifier: str) -> None:
    """A failed sign-in for a name that matches no account."""
    audit.record(
        actor=None,
        action=AuditAction.SIGN_IN_FAILED,
        object_type="accounts.user",
        changes={"reason": "unknown_user", "identifier": identifier[:150]},
    )


def record_sign_in(*, user: User, device: Device) -> None:
    """Both factors passed: reset the failure counter and audit the sign-in."""
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(failed_login_count=0, locked_until=None)
        user.failed_login_count = 0
        user.locked_until = None
        audit.record(
            actor=user,
            action=AuditAction.SIGN_IN,
            obj=user,
            changes={"second_factor": device._meta.label_lower},
        )


def record_sign_out(*, user: User) -> None:
    audit.record(actor=user, action=AuditAction.SIGN_OUT, obj=user)


# Second factor -------------------------------------------------------------------------------


def has_confirmed_totp(user: User) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def start_enrolment(*, user: User) -> TOTPDevice:
    """The unconfirmed TOTP device to show as a QR code (created once, reused until confirmed)."""
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
        if device is not None:
            return device
        device = TOTPDevice.objects.create(user=user, name="default", confirmed=False)
        audit.record(
            actor=user,
            action=AuditAction.CREATE,
            obj=device,
            changes={"confirmed": [None, False]},
        )
        return device


def confirm_enrolment(*, user: User, device: TOTPDevice, token: str) -> bool:
    """Confirm the device when the code from the authenticator matches."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update(no_key=True).get(pk=device.pk, user=user)
        if device.confirmed or not device.verify_token(token):
            return False
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit.record(
            actor=user, action=AuditAction.UPDATE, obj=device, changes={"confirmed": [False, True]}
        )
        return True


def generate_recovery_codes(*, user: User) -> list[str]:
    """Replace the user's recovery codes with settings.RECOVERY_CODE_COUNT fresh ones."""
    with transaction.atomic():
        device, created = StaticDevice.objects.get_or_create(
            user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
        )
        old_count = device.token_set.count()
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(settings.RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
        audit.record(
            actor=user,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            obj=device,
            changes={"recovery_codes": [old_count, len(codes)]},
        )
        return codes


def normalize_code(raw: str) -> str:
    return "".join(raw.split()).replace("-", "").lower()


def second_factor_throttled(user: User) -> bool:
    """django-otp's own back-off between attempts on the TOTP device is in force."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device is not None and not bool(device.verify_is_allowed()[0])


def verify_second_factor(*, user: User, code: str) -> Device | None:
    """The device that accepts the code: six digits for TOTP, otherwise a recovery code.

    A recovery code is deleted when used (django-otp's StaticDevice does this).
    """
    code = normalize_code(code)
    if not code:
        return None
    model: type[Device] = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    with transaction.atomic():
        for device in model.objects.filter(user=user, confirmed=True).select_for_update(
            no_key=True
        ):
            if device.verify_token(code):
                if isinstance(device, StaticDevice):
                    audit.record(
                        actor=user,
                        action=AuditAction.UPDATE,
                        obj=device,
                        changes={"recovery_code_used": True},
                    )
                return device
    return None


# API tokens ----------------------------------------------------------------------------------


def issue_token(
    *, actor: User | None, user: User, name: str = "", os_user: str = ""
) -> tuple[ApiToken, str]:
    """A new token for `user`; the raw key is returned once and never stored."""
    raw, fields = ApiToken.generate()
    with transaction.atomic():
        token = ApiToken.objects.create(user=user, name=name, **fields)
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=token,
            side_code=command_side(actor=actor, user=user),
            changes=with_os_user(
                audit.diff({}, audit.snapshot(token, TOKEN_AUDIT_FIELDS)), os_user
            ),
        )
    return token, raw


def revoke_token(*, actor: User | None, token: ApiToken, os_user: str = "") -> ApiToken:
    """Revoke a token; revoking a revoked token changes nothing."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update(no_key=True).get(pk=token.pk)
        if token.revoked_at is not None:
            return token
        before = audit.snapshot(token, TOKEN_AUDIT_FIELDS)
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=token,
            side_code=command_side(actor=actor, user=token.user),
            changes=with_os_user(
                audit.diff(before, audit.snapshot(token, TOKEN_AUDIT_FIELDS)), os_user
            ),
        )
        return token


def random_password() -> str:
    return secrets.token_urlsafe(18)


def set_preferences(
    *, actor: User, language: str | None = None, time_zone: str | None = None
) -> User:
    """The user's own interface language and time zone (None: unchanged; "": the default,
    the site's language and the side's zone). Mail reaches them in these."""
    changes: dict[str, str] = {}
    if language is not None:
        if language and language not in dict(settings.LANGUAGES):
            raise ValidationError({"language": [_("No such interface language.")]})
        changes["language"] = language
    if time_zone is not None:
        if time_zone:
            validate_time_zone(time_zone)
        changes["time_zone"] = time_zone
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=actor.pk)
        before = {key: getattr(user, key) for key in changes}
        if before == changes:
            return user
        for key, value in changes.items():
            setattr(user, key, value)
        user.save(update_fields=list(changes))
        audit.record(
            actor=actor, action=AuditAction.UPDATE, obj=user, changes=audit.diff(before, changes)
        )
    for key, value in changes.items():
        setattr(actor, key, value)
    return user
