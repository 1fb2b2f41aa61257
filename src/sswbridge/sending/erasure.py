"""Retention of the contacts of sending organizations no longer approved: the eraser this app
registers with the retention catalogue (retention/erasers.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.utils import timezone

from sswbridge.retention import erasers
from sswbridge.retention.catalogue import RetentionKind
from sswbridge.sending.models import SendingOrganization
from sswbridge.sending.models.organizations import SendingOrganizationStatus

ENDED = (
    SendingOrganizationStatus.REFUSED,
    SendingOrganizationStatus.REVOKED,
    SendingOrganizationStatus.EXPIRED,
)


def _organizations(before: dt.date) -> Iterator[erasers.Candidate]:
    rows = (
        SendingOrganization.objects.filter(status__in=ENDED, updated_at__date__lte=before)
        .exclude(representatives="", phone="", email="")
        .select_related("framework", "originator_side")
        .order_by("created_at")
    )
    for org in rows:
        yield erasers.Candidate(
            RetentionKind.SENDING_ORG_CONTACTS, org, timezone.localdate(org.updated_at)
        )


def _erase_organization(org: SendingOrganization) -> dict[str, dict[str, str]]:
    # updated_at moves with the erasure, so the published register (and its downloads) change.
    SendingOrganization.objects.filter(pk=org.pk).update(
        representatives="", phone="", email="", updated_at=timezone.now()
    )
    return erasers.fields_of(RetentionKind.SENDING_ORG_CONTACTS)


def register() -> None:
    erasers.register(RetentionKind.SENDING_ORG_CONTACTS, _organizations, _erase_organization)
