"""Forms of the registrars' publication pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class PublicationSettingsForm(forms.Form):
    auto_publish_on_receipt = forms.BooleanField(
        label=_("Publish automatically on receipt"),
        required=False,
        help_text=_("Otherwise a registrar confirms each publication."),
    )
