"""HTML forms of the lifecycle; each maps to one service function."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sswbridge.lifecycle.models import ReviewStatus

DATE = forms.DateInput(attrs={"type": "date"})


class ReviewForm(forms.Form):
    review_date = forms.DateField(label=_("Date of the review"), widget=DATE)
    title = forms.CharField(label=_("Title"), max_length=300)
    status = forms.ChoiceField(label=_("Status"), choices=ReviewStatus.choices)
    outcome = forms.CharField(
        label=_("Outcome"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class OutcomeForm(forms.Form):
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 3}))


class SignedTextForm(forms.Form):
    text = forms.CharField(
        label=_("Text of the memorandum as signed"), widget=forms.Textarea(attrs={"rows": 10})
    )


class AmendmentForm(forms.Form):
    clauses = forms.CharField(label=_("Clauses concerned"), required=False, max_length=300)
    new_text = forms.CharField(
        label=_("The whole new text"), widget=forms.Textarea(attrs={"rows": 10})
    )
    explanation = forms.CharField(
        label=_("Explanation"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class LetterForm(forms.Form):
    """The optional text of a formal letter (notice, request, consent)."""

    text = forms.CharField(
        label=_("Text of the letter"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
