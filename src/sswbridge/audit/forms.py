"""The auditor's filter over the trail."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sswbridge.audit.models import AuditAction


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("Actor"), max_length=200, required=False)
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[("", _("Any action")), *AuditAction.choices],
        required=False,
    )
    object_type = forms.CharField(
        label=_("Object type"),
        max_length=100,
        required=False,
        help_text=_("For example registry.intermediary"),
    )
    object_id = forms.CharField(label=_("Object id"), max_length=64, required=False)
    framework = forms.CharField(label=_("Framework code"), max_length=32, required=False)
    date_from = forms.DateField(
        label=pgettext_lazy("date range", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=pgettext_lazy("date range", "To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            raise forms.ValidationError(
                _("The start date must not be after the end date."), code="date_order"
            )
        return cleaned
