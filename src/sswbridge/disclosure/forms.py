"""HTML forms of the disclosure app; each maps to one service function."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sswbridge.disclosure.models import ThirdPartyType

DATE = forms.DateInput(attrs={"type": "date"})


class RequestForm(forms.Form):
    """The third party and purpose; the items come as `pick` checkboxes
    (`<kind>|<id>|field|<name>` or `<kind>|<id>|file|<file id>`)."""

    third_party_type = forms.ChoiceField(label=_("Third party"), choices=ThirdPartyType.choices)
    third_party_name = forms.CharField(label=_("Name of the third party"), max_length=300)
    purpose = forms.CharField(label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 3}))


def picked_items(values: list[str]) -> list[dict[str, Any]]:
    """The `pick` checkboxes grouped into the items of a request, in the order given."""
    items: dict[tuple[str, str], dict[str, Any]] = {}
    for value in values:
        parts = value.split("|")
        if len(parts) != 4 or parts[2] not in ("field", "file"):
            continue
        kind, pk, what, name = parts
        item = items.setdefault((kind, pk), {"kind": kind, "id": pk, "fields": [], "files": []})
        item["fields" if what == "field" else "files"].append(name)
    return list(items.values())


class GrantForm(forms.Form):
    expires_on = forms.DateField(label=_("Consent valid until"), widget=DATE)
    conditions = forms.CharField(
        label=_("Conditions"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RefuseForm(forms.Form):
    reasons = forms.CharField(
        label=_("Reasons for refusal"), widget=forms.Textarea(attrs={"rows": 3})
    )
