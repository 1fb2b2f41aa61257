from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sswbridge.frameworks.models import Framework, Side


class PeerForm(forms.Form):
    framework = forms.ModelChoiceField(
        label=_("Framework"), queryset=Framework.objects.none(), to_field_name="code"
    )
    side = forms.ModelChoiceField(
        label=_("Side the peer hosts"), queryset=Side.objects.all(), to_field_name="code"
    )
    base_url = forms.URLField(label=_("Base URL"), max_length=300, assume_scheme="https")
    public_key = forms.CharField(
        label=_("Public key (Ed25519: base64 or PEM)"), widget=forms.Textarea(attrs={"rows": 4})
    )
    label = forms.CharField(label=_("Label"), max_length=200, required=False)

    def __init__(self, *args: Any, frameworks: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["framework"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = frameworks
