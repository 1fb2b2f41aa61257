"""Where each register's record is shown in the staff pages, by its screening key."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

DETAIL_PAGES = {
    "intermediary": "intermediaries:intermediary_detail",
    "sending_organization": "sending:sending_organization_detail",
    "improvement_order": "orders:improvement_order_detail",
}
SOURCE_LABELS = {
    "intermediary": _("Intermediary"),
    "sending_organization": _("Sending organization"),
    "improvement_order": _("Improvement order"),
    "support_organization": _("Registered support organization"),
}
FLAG_LABELS = {
    "revoked": _("revoked"),
    "suspended": _("suspended"),
    "delisted": _("no longer registered"),
}


def record_url(source: str, object_id: str, name: str = "") -> str:
    """The page of a record; a support organization is found on its list by name."""
    if source in DETAIL_PAGES:
        return reverse(DETAIL_PAGES[source], kwargs={"pk": object_id})
    if source == "support_organization":
        return reverse("support:organization_list") + "?" + urlencode({"q": name})
    return ""


def source_label(source: str) -> str:
    return str(SOURCE_LABELS.get(source, source))


def flag_labels(flags: list[str] | tuple[str, ...]) -> list[str]:
    return [str(FLAG_LABELS.get(flag, flag)) for flag in flags]
