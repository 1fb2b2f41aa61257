"""Registering peers and keeping their keys: add, rotate (with an overlap in which both keys
are accepted) and revoke (refused from that moment on)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sswbridge.accounts.models import Role
from sswbridge.audit import services as audit
from sswbridge.federation import hosting
from sswbridge.federation.keys import parse_public_key
from sswbridge.federation.models import Peer, PeerKey
from sswbridge.frameworks.models import Framework, Side

if TYPE_CHECKING:
    from sswbridge.accounts.models import User

DEFAULT_OVERLAP = dt.timedelta(days=7)


def may_manage_peers(user: User, framework: Framework | None = None) -> bool:
    """An administrator of a side this node hosts (in `framework`, when given, which must be
    one of the user's)."""
    if not user.is_authenticated or user.role != Role.ADMINISTRATOR:
        return False
    side = user.agency.side
    if framework is None:
        return any(hosting.hosts(f, side) for f in user.visible_frameworks())
    return (
        user.visible_frameworks().filter(pk=framework.pk).exists()
        and side in framework.sides()
        and hosting.hosts(framework, side)
    )


def _key_row(peer: Peer, text: str, now: dt.datetime) -> PeerKey:
    public = parse_public_key(text)
    if peer.keys.filter(key_id=public.key_id).exists():
        raise ValidationError(_("The peer already has this key."), code="duplicate_key")
    return PeerKey.objects.create(
        peer=peer, key_id=public.key_id, public_key=public.raw_base64, added_at=now
    )


def _own_side(peer: Peer) -> str:
    """The side of the peer's framework this node stands for: its auditors read the entry."""
    return next(s.code for s in peer.framework.sides() if s.pk != peer.side_id)


def _changes(values: dict[str, object], os_user: str) -> dict[str, object]:
    return {**values, "os_user": os_user} if os_user else values


def add_peer(
    *,
    actor: User | None,
    framework: Framework,
    side: Side,
    base_url: str,
    public_key: str,
    label: str = "",
    os_user: str = "",
) -> Peer:
    """Register the node that hosts `side` in `framework`, after both sides compared the
    key's fingerprint out of band."""
    if side not in framework.sides():
        raise ValidationError(
            _("%(side)s is not a side of %(framework)s.")
            % {"side": side.code, "framework": framework.code},
            code="not_a_side",
        )
    if hosting.hosts(framework, side):
        raise ValidationError(
            _("This node hosts %(side)s in %(framework)s itself; it is not a peer.")
            % {"side": side.code, "framework": framework.code},
            code="hosted_here",
        )
    if not any(hosting.hosts(framework, other) for other in framework.sides() if other != side):
        raise ValidationError(
            _("This node hosts no side of %(framework)s: it has no peer there.")
            % {"framework": framework.code},
            code="not_hosted",
        )
    URLValidator(schemes=["http", "https"])(base_url)
    with transaction.atomic():
        if Peer.objects.filter(framework=framework, side=side).exists():
            raise ValidationError(
                _("A peer for %(side)s in %(framework)s is registered already.")
                % {"side": side.code, "framework": framework.code},
                code="duplicate_peer",
            )
        peer = Peer.objects.create(
            framework=framework, side=side, base_url=base_url.rstrip("/"), label=label
        )
        key = _key_row(peer, public_key, timezone.now())
        audit.record(
            actor=actor,
            action="federation.peer_added",
            obj=peer,
            side_code=_own_side(peer),
            changes=_changes(
                {"side": side.code, "base_url": peer.base_url, "key_id": key.key_id}, os_user
            ),
        )
    return peer


def rotate_key(
    *,
    actor: User | None,
    peer: Peer,
    public_key: str,
    overlap: dt.timedelta = DEFAULT_OVERLAP,
    os_user: str = "",
) -> PeerKey:
    """Add the peer's new key; its current keys stay accepted for `overlap`, then no more."""
    with transaction.atomic():
        peer = Peer.objects.select_for_update().get(pk=peer.pk)
        now = timezone.now()
        until = now + overlap
        current = peer.keys.filter(revoked_at__isnull=True)
        retiring = [
            k.key_id for k in current if k.accepted_until is None or k.accepted_until > until
        ]
        current.filter(key_id__in=retiring).update(accepted_until=until)
        key = _key_row(peer, public_key, now)
        audit.record(
            actor=actor,
            action="federation.key_rotated",
            obj=peer,
            side_code=_own_side(peer),
            changes=_changes(
                {"key_id": key.key_id, "retiring": retiring, "accepted_until": until}, os_user
            ),
        )
    return key


def revoke_key(*, actor: User | None, key: PeerKey, os_user: str = "") -> PeerKey:
    """Refuse the key from now on."""
    with transaction.atomic():
        key = PeerKey.objects.select_for_update().select_related("peer").get(pk=key.pk)
        if key.revoked_at is not None:
            raise ValidationError(_("This key is revoked already."), code="revoked")
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
        audit.record(
            actor=actor,
            action="federation.key_revoked",
            obj=key.peer,
            side_code=_own_side(key.peer),
            changes=_changes({"key_id": key.key_id}, os_user),
        )
    return key
