"""HTML forms of clause 8; each maps to one service function."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sswbridge.frameworks.models import Framework, SSWField
from sswbridge.suspensions.models import (
    RETURN_STEPS,
    AffectedPerson,
    Dependant,
    Relation,
    ResidenceSituation,
    ResidenceStatus,
    ReturnStatus,
    TravelDocumentStatus,
)

DATE = forms.DateInput(attrs={"type": "date"})


class SuspensionForm(forms.Form):
    framework = forms.ModelChoiceField(label=_("Framework"), queryset=Framework.objects.none())
    field = forms.ModelChoiceField(
        label=_("SSW field"), queryset=SSWField.objects.filter(active=True)
    )
    starts_on = forms.DateField(label=_("Suspended from"), widget=DATE)
    legal_basis = forms.CharField(label=_("Legal basis"), widget=forms.Textarea(attrs={"rows": 2}))
    scope = forms.CharField(label=_("Scope"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        frameworks = Framework.objects.visible_to(user)
        self.fields["framework"].queryset = frameworks  # type: ignore[attr-defined]


class LiftForm(forms.Form):
    lifted_on = forms.DateField(label=_("Lifted on"), widget=DATE)


class PersonForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    status_of_residence = forms.ChoiceField(
        label=_("Status of residence"), choices=ResidenceStatus.choices
    )
    employer = forms.CharField(label=_("Employer"), max_length=300)
    residence_situation = forms.ChoiceField(
        label=_("Residence situation"), choices=ResidenceSituation.choices
    )
    situation_note = forms.CharField(
        label=_("Notes on the situation"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    nationality = forms.CharField(label=_("Nationality"), max_length=100, required=False)
    passport_number = forms.CharField(label=_("Passport number"), max_length=40, required=False)
    residence_card_number = forms.CharField(
        label=_("Residence card number"),
        max_length=40,
        required=False,
        help_text=_("Two letters, eight digits, two letters (AB12345678CD)."),
    )
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False, widget=DATE)
    field = forms.ModelChoiceField(
        label=_("SSW field"),
        required=False,
        queryset=SSWField.objects.filter(active=True),
        help_text=_("The suspension's field when left empty."),
    )
    contact = forms.CharField(label=_("Contact"), max_length=300, required=False)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or Excel (.xlsx) file"),
        help_text=_("One person a row, with the columns of the template."),
    )


class TravelRequestForm(forms.Form):
    issuing_mission = forms.CharField(label=_("Issuing mission"), max_length=200)
    requested_on = forms.DateField(label=_("Requested on"), widget=DATE)


class TravelProgressForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Step"),
        choices=[
            (s, TravelDocumentStatus(s).label)
            for s in (
                TravelDocumentStatus.ISSUED,
                TravelDocumentStatus.DEPARTED,
                TravelDocumentStatus.CANCELLED,
            )
        ],
    )
    on = forms.DateField(label=_("Date"), widget=DATE)
    document_number = forms.CharField(
        label=_("Document number"), max_length=40, required=False, help_text=_("When issued.")
    )


class PersonUpdateForm(forms.Form):
    residence_situation = forms.ChoiceField(
        label=_("Residence situation"), choices=ResidenceSituation.choices
    )
    situation_note = forms.CharField(
        label=_("Notes on the situation"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DependantForm(forms.Form):
    relation = forms.ChoiceField(label=_("Relation"), choices=Relation.choices)
    name = forms.CharField(label=_("Name"), max_length=300)
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False, widget=DATE)


class ReturnRequestForm(forms.Form):
    assistance = forms.CharField(
        label=_("Assistance requested"),
        widget=forms.Textarea(attrs={"rows": 2}),
        initial=_("Issue of a temporary passport through the embassy in Japan"),
    )
    dependants = forms.ModelMultipleChoiceField(
        label=_("Dependants returning too"),
        required=False,
        queryset=Dependant.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, person: AffectedPerson, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dependants"].queryset = person.dependants.all()  # type: ignore[attr-defined]


class ProgressForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Step"), choices=[(s, ReturnStatus(s).label) for s, _f in RETURN_STEPS]
    )
    on = forms.DateField(label=_("Date"), widget=DATE)
