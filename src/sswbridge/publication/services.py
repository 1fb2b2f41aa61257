"""Publication on the portals (6.1, 6.2, 7.2, 7.5): every write here is a service.

A side publishes what it decides itself at once (the partner its approvals and revocations,
Japan its improvement orders). What arrives from the other side is published on receipt:
automatically, or after a registrar's confirmation, as the framework's setting for the
receiving side says. Each portal is named by its side's code in lower case ("jp", "kg").

The registers hand publication what to publish as an `Item` (which register, which record):
publication knows neither the exchange nor a register's models.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sswbridge.accounts.models import Role, User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.frameworks.models import Framework, Side, SideKind
from sswbridge.publication.models import (
    Publication,
    PublicationSettings,
    PublicationStatus,
    Register,
)

AUDITED = (
    "framework_id",
    "portal",
    "register",
    "status",
    "sending_organization_id",
    "status_change_id",
    "improvement_order_id",
    "communication_id",
    "published_at",
    "published_by_id",
)
SETTINGS_ROLES = (Role.REGISTRAR, Role.ADMINISTRATOR)


class NotPermitted(PermissionDenied):
    """The user may not publish or configure publication; `code` is machine-readable."""

    def __init__(self, code: str, message: str | Promise) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = str(message)


def portal_of(side: Side) -> str:
    return side.code.lower()


def side_of_portal(portal: str) -> Side | None:
    """The side whose portal this is; None for an unknown portal."""
    if not portal or portal != portal.lower() or len(portal) > 8:
        return None
    return Side.objects.filter(code=portal.upper()).first()


def settings_for(framework: Framework, side: Side) -> PublicationSettings:
    """The side's rule in the framework (an unsaved default when none was set)."""
    found = PublicationSettings.objects.filter(framework=framework, side=side).first()
    return found or PublicationSettings(framework=framework, side=side)


def may_change_settings(user: User, framework: Framework) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.role in SETTINGS_ROLES
        and Framework.objects.visible_to(user).filter(pk=framework.pk).exists()
    )


def may_publish(user: User, publication: Publication) -> bool:
    """A registrar of the portal's side, in a framework they take part in."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.role == Role.REGISTRAR
        and portal_of(user.agency.side) == publication.portal
        and publication.status == PublicationStatus.PENDING
        and user.visible_frameworks().filter(pk=publication.framework_id).exists()
    )


def update_settings(
    *, actor: User, framework: Framework, auto_publish_on_receipt: bool
) -> PublicationSettings:
    """Set the actor's side's rule for what arrives in this framework."""
    if not may_change_settings(actor, framework):
        raise NotPermitted(
            "role_may_not_configure", _("Only registrars and administrators change this setting.")
        )
    with transaction.atomic():
        side = actor.agency.side
        item, _created = PublicationSettings.objects.select_for_update(no_key=True).get_or_create(
            framework=framework, side=side
        )
        before = audit.snapshot(item, ("auto_publish_on_receipt",))
        item.auto_publish_on_receipt = bool(auto_publish_on_receipt)
        item.updated_by = actor
        item.save()
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=item,
            framework=framework,
            changes=audit.diff(before, audit.snapshot(item, ("auto_publish_on_receipt",))),
        )
        return item


@dataclass(frozen=True)
class Item:
    """One record of one register to publish: a step of a sending organization's history
    (`status_change_id`, with its organization) or an improvement order."""

    register: Register
    sending_organization_id: Any = None
    status_change_id: Any = None
    improvement_order_id: Any = None


def status_change_item(change: Any) -> Item:
    """The item for a step of a sending organization's history."""
    return Item(
        Register.SENDING_ORGANIZATIONS,
        sending_organization_id=change.organization_id,
        status_change_id=change.pk,
    )


def order_item(order: Any) -> Item:
    """The item for an improvement order."""
    return Item(Register.IMPROVEMENT_ORDERS, improvement_order_id=order.pk)


def _create(
    *,
    framework: Framework,
    portal: str,
    item: Item,
    communication_id: Any,
    published_by: Any,
    publish_now: bool,
) -> Publication:
    now = timezone.now()
    return Publication.objects.create(
        framework=framework,
        portal=portal,
        register=item.register,
        status=PublicationStatus.PUBLISHED if publish_now else PublicationStatus.PENDING,
        sending_organization_id=item.sending_organization_id,
        status_change_id=item.status_change_id,
        improvement_order_id=item.improvement_order_id,
        communication_id=communication_id,
        published_at=now if publish_now else None,
        published_by=published_by if publish_now else None,
    )


def publish_own(*, actor: User, framework: Framework, item: Item) -> Publication:
    """The actor's side publishes its own decision on its portal, now (in the caller's
    transaction)."""
    created = _create(
        framework=framework,
        portal=portal_of(actor.agency.side),
        item=item,
        communication_id=None,
        published_by=actor,
        publish_now=True,
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=created,
        changes=audit.diff(None, audit.snapshot(created, AUDITED)),
    )
    return created


def on_receipt(
    *, framework: Framework, recipient_side: Side, communication_id: Any, item: Item
) -> Publication:
    """A notice (the communication `communication_id`) has arrived on the recipient side:
    publish it there, or queue it for a registrar's confirmation. Runs in the transaction
    that delivers the notice; a transport between two installations calls it when the
    notice arrives."""
    rule = settings_for(framework, recipient_side)
    created = _create(
        framework=framework,
        portal=portal_of(recipient_side),
        item=item,
        communication_id=communication_id,
        published_by=None,
        publish_now=rule.auto_publish_on_receipt,
    )
    audit.record(
        actor=None,
        action=AuditAction.CREATE,
        obj=created,
        side_code=recipient_side.code,
        changes=audit.diff(None, audit.snapshot(created, AUDITED)),
    )
    return created


def publish(*, actor: User, publication: Publication) -> Publication:
    """A registrar of the portal's side confirms a publication that waits for it."""
    with transaction.atomic():
        item = Publication.objects.select_for_update(no_key=True).get(pk=publication.pk)
        if not may_publish(actor, item):
            raise NotPermitted(
                "may_not_publish",
                _("Only a registrar of this portal's side publishes what waits for it."),
            )
        before = audit.snapshot(item, AUDITED)
        item.status = PublicationStatus.PUBLISHED
        item.published_at = timezone.now()
        item.published_by = actor
        item.save(update_fields=["status", "published_at", "published_by"])
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=item,
            changes=audit.diff(before, audit.snapshot(item, AUDITED)),
        )
        return item


def japan_portal() -> str:
    return portal_of(Side.objects.get(kind=SideKind.JAPAN))
