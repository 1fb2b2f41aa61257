"""Publication of an improvement order on the partner's portal."""

from __future__ import annotations

from typing import Any


def publish_on_partner_portal(order: Any, registrar: Any) -> None:
    """The partner's registrar confirms the order's publication, if it waits for that."""
    from sswbridge.publication import services as publishing
    from sswbridge.publication.models import Publication

    waiting = Publication.objects.filter(improvement_order=order, portal="kg").first()
    if waiting is not None and waiting.published_at is None:
        publishing.publish(actor=registrar, publication=waiting)
