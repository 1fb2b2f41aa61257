"""Clause 9's "written consent of both", as a pair of signatures: each side's consent to an
amendment is an act signed by the key of the node hosting that side (federation/acts.py),
over the amendment's id, its proposal and a digest of its clauses and new text. On one node
both are signed by its own key; with two nodes each signs its own side's and receives the
other's, so either node shows and verifies both."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sswbridge.federation import acts
from sswbridge.frameworks.models import Side
from sswbridge.lifecycle.models import Amendment, AmendmentConsent

AMENDMENT_CONSENT = "lifecycle.amendment_consent"


def content_digest(amendment: Amendment) -> str:
    """What both sides consent to: the amendment, its proposal, clauses and new text."""
    return acts.digest(
        {
            "amendment": str(amendment.pk),
            "proposal": str(amendment.proposal_id),
            "clauses": amendment.clauses,
            "new_text": amendment.new_text,
        }
    )


def _expected(amendment: Amendment, side: Side) -> dict[str, Any]:
    return {
        "act": AMENDMENT_CONSENT,
        "framework": amendment.framework,
        "side": side,
        "subject": str(amendment.pk),
        "content_digest": content_digest(amendment),
    }


def sign_consent(amendment: Amendment, side: Side, at: dt.datetime) -> dict[str, Any]:
    """This node's signature over `side`'s consent (a side this node hosts)."""
    expected = _expected(amendment, side)
    return acts.sign(
        act=AMENDMENT_CONSENT,
        framework=expected["framework"],
        side=side,
        subject=expected["subject"],
        content_digest=expected["content_digest"],
        at=at,
    )


def check_consent(amendment: Amendment, side: Side, signed: Any) -> dict[str, Any]:
    """The peer's signed consent as it arrives (its key accepted now); acts.BadAct if not."""
    return acts.check(signed, **_expected(amendment, side), now=timezone.now())


@dataclass(frozen=True)
class Signature:
    side: str
    key_id: str
    signed_at: dt.datetime | None
    verified: bool

    @property
    def label(self) -> str:
        return str(_("verified") if self.verified else _("does not verify"))


def signature(consent: AmendmentConsent) -> Signature | None:
    """The consent's signature, checked now (the key as accepted at the act's own time);
    None for a consent recorded before consents were signed."""
    if not consent.signed:
        return None
    body = consent.signed.get("act") if isinstance(consent.signed, dict) else None
    key_id = str(body.get("key_id", "")) if isinstance(body, dict) else ""
    return Signature(
        side=consent.side.code,
        key_id=key_id,
        signed_at=acts.signed_at(consent.signed),
        verified=acts.verifies(consent.signed, **_expected(consent.amendment, consent.side)),
    )


def both_verify(amendment: Amendment) -> bool:
    """Whether every side of the framework consented and each consent's signature verifies."""
    consents = {c.side_id: c for c in amendment.consents.select_related("side")}
    sides = amendment.framework.sides()
    return all(
        (c := consents.get(side.pk)) is not None and (s := signature(c)) is not None and s.verified
        for side in sides
    )
