from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sswbridge.frameworks.models import Framework


class SupportImportForm(forms.Form):
    """Upload of Japan's Excel list for one framework."""

    framework = forms.ModelChoiceField(
        label=_("Framework (the partner the list is shared with)"),
        queryset=Framework.objects.none(),
    )
    file = forms.FileField(
        label=_("Excel file (.xlsx), Japanese or romanized English edition"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = Framework.objects.visible_to(user)  # type: ignore[attr-defined]


class SupportFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or registration number"), required=False, max_length=200)
