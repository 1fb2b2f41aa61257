"""Which URLs a webhook may target: HTTPS on a public address only.

A target is checked when it is registered and again before every attempt, on the addresses
its host resolves to then (a name that resolved to a public address at registration may
resolve to a private one later). Plain HTTP to 127.0.0.1 is allowed when
`WEBHOOKS_ALLOW_LOOPBACK` is set, which only the test settings can do.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

LOOPBACK_HOSTS = ("127.0.0.1",)


def _addresses(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        raise ValidationError(
            _("The host %(host)s cannot be resolved."), code="unresolvable", params={"host": host}
        ) from None
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]


def _public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def check(url: str) -> None:
    """Raise ValidationError unless `url` is a target a delivery may go to now."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        port = parts.port
    except ValueError:
        raise ValidationError(_("The URL's port is not valid."), code="bad_port") from None
    if parts.username or parts.password:
        raise ValidationError(_("The URL may not hold a user name or password."), code="userinfo")
    if settings.WEBHOOKS_ALLOW_LOOPBACK and host in LOOPBACK_HOSTS and parts.scheme == "http":
        return
    if parts.scheme != "https" or not host:
        raise ValidationError(_("The URL must be an https:// address."), code="not_https")
    addresses = _addresses(host, port or 443)
    if not addresses or not all(_public(address) for address in addresses):
        raise ValidationError(
            _("The URL must point outside private, loopback and reserved address ranges."),
            code="not_public",
        )
