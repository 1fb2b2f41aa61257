"""Notices the registers send to the other side through the exchange, with their receipts.

Each is sent in the transaction of the register change it carries, and published on the
recipient side's portal on receipt (see `publication.services.on_receipt`).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from sswbridge.accounts.models import User
from sswbridge.core.models import Marking
from sswbridge.exchange import services as exchange
from sswbridge.exchange.models import Communication
from sswbridge.publication import services as publishing
from sswbridge.sending import federation as register_notices
from sswbridge.sending.models import SendingOrganizationStatus, StatusChange

STATUS_KINDS: dict[str, str] = {
    SendingOrganizationStatus.APPROVED: "sending_org_approval_notice",
    SendingOrganizationStatus.SUSPENDED: "sending_org_suspension_notice",
    SendingOrganizationStatus.REVOKED: "sending_org_revocation_notice",
    SendingOrganizationStatus.EXPIRED: "sending_org_expiry_notice",
}


def _publish_on_receipt(communication: Communication, item: publishing.Item) -> None:
    publishing.on_receipt(
        framework=communication.framework,
        recipient_side=communication.recipient_side,
        communication_id=communication.pk,
        item=item,
    )


def _status_subject(change: StatusChange) -> str:
    name = change.organization.name_en
    subjects: dict[str, Any] = {
        SendingOrganizationStatus.APPROVED: _("Approval of a sending organization: %(name)s"),
        SendingOrganizationStatus.SUSPENDED: _("Suspension of a sending organization: %(name)s"),
        SendingOrganizationStatus.REVOKED: _(
            "Revocation of the approval of a sending organization: %(name)s"
        ),
        SendingOrganizationStatus.EXPIRED: _(
            "Expiry of the approval of a sending organization: %(name)s"
        ),
    }
    return str(subjects[change.to_status] % {"name": name})


def _organization_body(change: StatusChange) -> str:
    org = change.organization
    lines = [
        " / ".join([*(n.value for n in org.names.all()), org.name_en]),
        _("State registration number: %(number)s") % {"number": org.registration_number},
        _("Address: %(address)s") % {"address": org.address or "—"},
        _("Status: %(status)s, from %(date)s")
        % {
            "status": SendingOrganizationStatus(change.to_status).label,
            "date": change.effective_date.isoformat(),
        },
    ]
    if change.reason:
        lines.append(_("Reason: %(reason)s") % {"reason": change.reason})
    return "\n".join(lines)


def status_kind(to_status: str) -> str | None:
    """The kind of notice a change to this status sends; None when it sends none."""
    return STATUS_KINDS.get(to_status)


def send_status_notice(*, actor: User, change: StatusChange) -> Communication | None:
    """Tell the other side of an approval, suspension, revocation or expiry (7.2, 7.4)."""
    kind = status_kind(change.to_status)
    if kind is None:
        return None
    org = change.organization
    payload = {
        "sending_organization": org.name_en,
        "registration_number": org.registration_number,
        "status": change.to_status,
        "effective_date": change.effective_date.isoformat(),
        "reason": change.reason,
    }
    communication = exchange.send_new(
        actor=actor,
        framework=org.framework,
        kind=kind,
        subject=_status_subject(change),
        body=_organization_body(change),
        payload=payload,
        marking=Marking.BOTH,
        managed=True,
    )
    change.communication = communication
    change.save(update_fields=["communication"])
    if register_notices.federated(org):  # the other node publishes it when it arrives
        register_notices.send(
            actor=actor, organization=org, change=change, communication=communication
        )
    else:
        _publish_on_receipt(communication, publishing.status_change_item(change))
    return communication
