"""A side's administrators from the command line: the first one (onboarding), and the way
back in when the last one is locked out (break-glass). Both hand out a one-time link
(`links.py`) where the person sets their password and enrols their second factor.

These are the server operator's acts: each entry is filed under the account's side and names
the operating-system user who ran the command, so that side's administrators read it."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from sswbridge.accounts import links, services
from sswbridge.accounts.models import Agency, Role, User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.frameworks.hosting import hosts
from sswbridge.frameworks.models import Framework, Side

ACCESS_FIELDS = ("role", "is_staff", "is_active", "failed_login_count", "locked_until")


@dataclass(frozen=True)
class Issued:
    user: User
    link: str
    created: bool


def hosted_side(framework_code: str, side_code: str) -> tuple[Framework, Side]:
    """The framework and side, when this node hosts that side; else ValidationError."""
    framework = Framework.objects.filter(code=framework_code).first()
    side = Side.objects.filter(code__iexact=side_code).first()
    if framework is None or side is None or side not in framework.sides():
        raise ValidationError(_("No such framework or side."), code="side")
    if not hosts(framework, side):
        raise ValidationError(
            _("This node does not host side %(side)s of %(framework)s: run this on its own node.")
            % {"side": side.code, "framework": framework.code},
            code="not_hosted",
        )
    return framework, side


def _agency(side: Side, code: str | None) -> Agency:
    agencies = Agency.objects.filter(side=side)
    agency = agencies.filter(code=code).first() if code else None
    if agency is None and not code and agencies.count() == 1:
        agency = agencies.get()
    if agency is None:
        raise ValidationError(
            _("Name one agency of side %(side)s: %(known)s.")
            % {"side": side.code, "known": ", ".join(agencies.values_list("code", flat=True))},
            code="agency",
        )
    return agency


def _issue_link(user: User, *, event: str, os_user: str) -> str:
    audit.record(
        actor=None,
        action=AuditAction.OTHER,
        obj=user,
        side_code=str(user.agency.side.code),
        changes=services.with_os_user({"event": event}, os_user),
    )
    return links.url_for(user)


def enrol_administrator(
    *,
    framework_code: str,
    side_code: str,
    username: str,
    email: str,
    agency_code: str | None = None,
    os_user: str,
) -> Issued:
    """Onboarding: a new administrator of a side this node hosts, with no usable password,
    and the one-time link where they set it and enrol their second factor."""
    _framework, side = hosted_side(framework_code, side_code)
    agency = _agency(side, agency_code)
    with transaction.atomic():
        if User.objects.filter(username=username).exists():
            raise ValidationError(_("A user with this username already exists."), code="username")
        user = services.create_user(
            actor=None,
            username=username,
            email=email,
            agency=agency,
            role=Role.ADMINISTRATOR,
            password=None,
            os_user=os_user,
        )
        return Issued(user, _issue_link(user, event="enrolment_link", os_user=os_user), True)


def break_glass(
    *,
    framework_code: str,
    side_code: str,
    username: str,
    email: str = "",
    agency_code: str | None = None,
    os_user: str,
) -> Issued:
    """Recovery when a side's last administrator is locked out: make `username` (created if
    need be) an active, unlocked administrator of the side again, with no password and no
    second factor, and hand out a one-time link to set both."""
    _framework, side = hosted_side(framework_code, side_code)
    with transaction.atomic():
        user = User.objects.select_for_update().filter(username=username).first()
        if user is None:
            if not email:
                raise ValidationError(
                    _("No user named %(name)s: give --email (and --agency) to create one.")
                    % {"name": username},
                    code="email",
                )
            issued = enrol_administrator(
                framework_code=framework_code,
                side_code=side_code,
                username=username,
                email=email,
                agency_code=agency_code,
                os_user=os_user,
            )
            return Issued(issued.user, issued.link, True)
        if user.agency.side_id != side.pk:
            raise ValidationError(
                _("%(name)s is not an account of side %(side)s.")
                % {"name": username, "side": side.code},
                code="side",
            )
        before = audit.snapshot(user, ACCESS_FIELDS)
        user.role, user.is_staff, user.is_active = Role.ADMINISTRATOR, True, True
        user.failed_login_count, user.locked_until = 0, None
        user.set_unusable_password()
        user.save()
        devices = TOTPDevice.objects.filter(user=user).delete()[0]
        devices += StaticDevice.objects.filter(user=user).delete()[0]
        audit.record(
            actor=None,
            action=AuditAction.UPDATE,
            obj=user,
            side_code=str(side.code),
            changes=services.with_os_user(
                {
                    **audit.diff(before, audit.snapshot(user, ACCESS_FIELDS)),
                    "break_glass": True,
                    "password": "reset",
                    "second_factor_devices_removed": devices,
                },
                os_user,
            ),
        )
        return Issued(user, _issue_link(user, event="break_glass_link", os_user=os_user), False)


def password_link(*, user: User, os_user: str) -> str:
    """A one-time link for `user` to set a new password (the current one works until then);
    the second factor stays as it is."""
    with transaction.atomic():
        return _issue_link(user, event="password_link", os_user=os_user)


def set_password_from_link(*, user: User, password: str) -> None:
    """The person behind a valid link sets their password (which ends the link)."""
    validate_password(password, user)
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        audit.record(
            actor=user,
            action=AuditAction.UPDATE,
            obj=user,
            changes={"password": "set", "via": "one_time_link"},
        )
