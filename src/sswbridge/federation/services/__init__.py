"""The federation's writes, each in one transaction with its audit entry. What the other apps
call: `enqueue` (in their own transaction) and `release` (a withheld value's opening)."""

from sswbridge.federation.services.outbox import enqueue, release
from sswbridge.federation.services.peers import (
    add_peer,
    may_manage_peers,
    revoke_key,
    rotate_key,
)

__all__ = ["add_peer", "enqueue", "may_manage_peers", "release", "revoke_key", "rotate_key"]
