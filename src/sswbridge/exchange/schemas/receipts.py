"""The receipt of a communication that carried a register's change to the other side, as
the registers' API shows it beside the change."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from ninja import Schema


class ReceiptOut(Schema):
    """The communication that carried a change to the other side, with its receipt."""

    id: UUID
    kind: str
    subject: str
    sent_at: dt.datetime | None
    delivered_at: dt.datetime | None
    first_opened_at: dt.datetime | None
    acknowledged_at: dt.datetime | None
