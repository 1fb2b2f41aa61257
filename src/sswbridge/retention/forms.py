from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sswbridge.frameworks.models import Framework
from sswbridge.retention.catalogue import RetentionKind
from sswbridge.retention.services import MAX_DAYS


class RetentionPolicyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of record"), choices=RetentionKind.choices)
    framework = forms.ModelChoiceField(
        label=_("Framework"),
        queryset=Framework.objects.none(),
        required=False,
        empty_label=_("Every framework"),
        to_field_name="code",
    )
    days = forms.IntegerField(
        label=_("Retention period (days)"),
        min_value=1,
        max_value=MAX_DAYS,
        required=False,
        help_text=_("Leave empty to go back to the default."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["framework"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Framework.objects.visible_to(user).order_by("code")
