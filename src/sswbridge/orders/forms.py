"""HTML forms of the improvement-order register."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sswbridge.frameworks.models import Framework

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXTAREA = forms.Textarea(attrs={"rows": 3})


class ImprovementOrderForm(forms.Form):
    framework = forms.ModelChoiceField(label=_("Framework"), queryset=Framework.objects.none())
    order_date = forms.DateField(label=_("Date of the order"), widget=DATE)
    organization_name = forms.CharField(label=_("Accepting organization"), max_length=300)
    organization_name_en = forms.CharField(
        label=_("Accepting organization (English)"), required=False, max_length=300
    )
    address = forms.CharField(label=_("Address"), max_length=500)
    representative = forms.CharField(label=_("Representative"), max_length=300)
    legal_basis = forms.CharField(label=_("Legal basis"), max_length=500)
    measures = forms.CharField(label=_("Measures ordered"), widget=TEXTAREA)
    improvement_deadline = forms.DateField(
        label=_("Deadline for improvement"), required=False, widget=DATE
    )

    def __init__(self, *args: Any, frameworks: QuerySet[Framework], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        framework_field: Any = self.fields["framework"]
        framework_field.queryset = frameworks
        if frameworks.count() == 1:
            self.initial.setdefault("framework", frameworks.first())


class OutcomeForm(forms.Form):
    outcome = forms.CharField(label=_("Outcome"), widget=TEXTAREA)
