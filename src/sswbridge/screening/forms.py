from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sswbridge.screening.entries import ORGANIZATION, PERSON
from sswbridge.screening.settings import DEFAULT_LIMIT, DEFAULT_THRESHOLD


class ScreeningForm(forms.Form):
    """One name to check against the registers."""

    name = forms.CharField(label=_("Name (any script)"), max_length=300)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("Either")), (PERSON, _("Person")), (ORGANIZATION, _("Organization"))],
    )
    country = forms.RegexField(
        label=_("Country (ISO code)"),
        regex=r"^[A-Za-z]{2}$",
        required=False,
        max_length=2,
        error_messages={"invalid": _("Give a two-letter ISO code.")},
    )
    birth_date = forms.DateField(label=_("Birth date"), required=False)
    registration_number = forms.CharField(
        label=_("Registration number"), required=False, max_length=64
    )


class BatchForm(forms.Form):
    """A CSV of names (id,name,kind,country) to screen in the background."""

    queries = forms.FileField(
        label=_("Names (CSV: id,name,kind,country)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    threshold = forms.FloatField(
        label=_("Threshold"), min_value=0.0, max_value=1.0, initial=DEFAULT_THRESHOLD
    )
    limit = forms.IntegerField(
        label=_("Candidates per name"), min_value=1, max_value=100, initial=DEFAULT_LIMIT
    )
    watchlist = forms.FileField(
        label=_("Watch list instead of the registers (CSV: id,name,kind,country)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


class DecisionForm(forms.Form):
    status = forms.ChoiceField(choices=[("match", _("Match")), ("not_match", _("Not a match"))])
    reason = forms.CharField(label=_("Reason"), required=False, max_length=1000)
