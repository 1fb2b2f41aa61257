"""HTML forms of the sending-organization register and the investigations; the services
check everything again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sswbridge.frameworks.models import Framework, SSWField
from sswbridge.sending.kinds import RESULT_MEASURES
from sswbridge.sending.models import (
    ActionKind,
    Decision,
    ExaminationCriterion,
    SendingOrganizationStatus,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXTAREA = forms.Textarea(attrs={"rows": 3})


class SendingOrganizationFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or number"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *SendingOrganizationStatus.choices],
    )


class SendingOrganizationForm(forms.Form):
    """The application (7.1); with `frameworks`, the framework is chosen too."""

    framework = forms.ModelChoiceField(label=_("Framework"), queryset=Framework.objects.none())
    name_en = forms.CharField(label=_("Name (English)"), max_length=300)
    other_names = forms.CharField(
        label=_("Names in other languages"),
        required=False,
        widget=TEXTAREA,
        help_text=_("One a line: the language code, a colon, the name (ky: …, ru: …)."),
    )
    legal_form = forms.ChoiceField(label=_("Legal form"), required=False, choices=[("", "—")])
    registration_number = forms.CharField(label=_("State registration number"), max_length=64)
    tax_number = forms.CharField(label=_("Tax number"), required=False, max_length=64)
    address = forms.CharField(label=_("Address"), required=False, max_length=500)
    representatives = forms.CharField(
        label=_("Representatives (one a line)"), required=False, widget=TEXTAREA
    )
    phone = forms.CharField(label=_("Phone"), required=False, max_length=64)
    email = forms.EmailField(label=_("E-mail"), required=False)
    website = forms.URLField(label=_("Web site"), required=False, assume_scheme="https")
    permit_number = forms.CharField(
        label=_("Permit for employment abroad (number)"), required=False, max_length=64
    )
    permit_valid_from = forms.DateField(label=_("Permit valid from"), required=False, widget=DATE)
    permit_valid_until = forms.DateField(label=_("Permit valid until"), required=False, widget=DATE)
    ssw_fields = forms.ModelMultipleChoiceField(
        label=_("Intended SSW fields"),
        required=False,
        queryset=SSWField.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
        to_field_name="code",
    )

    def __init__(
        self,
        *args: Any,
        frameworks: QuerySet[Framework] | None = None,
        framework: Framework | None = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        if frameworks is None:
            del self.fields["framework"]
            shown = [framework] if framework is not None else []
        else:
            framework_field: Any = self.fields["framework"]
            framework_field.queryset = frameworks
            if frameworks.count() == 1:
                self.initial.setdefault("framework", frameworks.first())
            shown = list(frameworks)
        choices: dict[str, str] = {}
        for each in shown:  # the partners' legal forms; the service checks the framework's
            for code, label in each.legal_form_choices():
                choices.setdefault(code, label)
        legal_form: Any = self.fields["legal_form"]
        legal_form.choices = [("", "—"), *choices.items()]

    def clean_other_names(self) -> list[dict[str, str]]:
        names = []
        for line in str(self.cleaned_data.get("other_names") or "").splitlines():
            if not line.strip():
                continue
            language, sep, value = line.partition(":")
            if not sep or not value.strip():
                raise forms.ValidationError(_("Write each name as “language: name”."))
            names.append({"language": language.strip(), "value": value.strip()})
        return names

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["ssw_fields"] = [f.code for f in data.get("ssw_fields") or []]
        data["names"] = data.pop("other_names")
        return data


def names_text(org: Any) -> str:
    """The organization's names as the form's `other_names` shows them."""
    return "\n".join(f"{n.language}: {n.value}" for n in org.names.all())


class ExaminationForm(forms.Form):
    """The checklist: each criterion met, not met or not yet examined, with evidence."""

    CHOICES = (("", _("Not examined")), ("met", _("Met")), ("not_met", _("Not met")))

    def __init__(self, *args: Any, rows: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            criterion: ExaminationCriterion = row["criterion"]
            result = row["result"]
            key = str(criterion.pk)
            self.fields[f"met_{key}"] = forms.ChoiceField(
                label=criterion.text,
                required=False,
                choices=self.CHOICES,
                widget=forms.RadioSelect,
                initial=("met" if result.met else "not_met") if result else "",
                help_text=criterion.guidance,
            )
            self.fields[f"evidence_{key}"] = forms.CharField(
                label=_("Evidence"),
                required=False,
                widget=TEXTAREA,
                initial=result.evidence if result else "",
            )

    def bound_rows(self) -> list[tuple[Any, Any, Any]]:
        return [
            (row, self[f"met_{row['criterion'].pk}"], self[f"evidence_{row['criterion'].pk}"])
            for row in self.rows
        ]

    def answers(self) -> list[tuple[ExaminationCriterion, bool, str]]:
        """(criterion, met, evidence) for each criterion examined in the form."""
        found = []
        for row in self.rows:
            key = str(row["criterion"].pk)
            choice = self.cleaned_data.get(f"met_{key}")
            if choice:
                evidence = self.cleaned_data.get(f"evidence_{key}") or ""
                found.append((row["criterion"], choice == "met", evidence))
        return found


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(label=_("Reasons"), required=False, widget=TEXTAREA)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=())
    effective_date = forms.DateField(label=_("Effective date"), required=False, widget=DATE)
    reason = forms.CharField(label=_("Reason"), required=False, widget=TEXTAREA)

    def __init__(self, *args: Any, moves: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(SendingOrganizationStatus.choices)
        status: Any = self.fields["status"]
        status.choices = [(m, labels[m]) for m in moves]


class CriterionForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=64)
    text = forms.CharField(label=_("Criterion"), max_length=500)
    guidance = forms.CharField(label=_("What to check"), required=False, widget=TEXTAREA)
    sort_order = forms.IntegerField(label=_("Order"), min_value=0, initial=0)
    active = forms.BooleanField(label=_("In use"), required=False, initial=True)


class InvestigationOpenForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Sending organization"), queryset=Framework.objects.none()
    )

    def __init__(self, *args: Any, organizations: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["organization"]
        field.queryset = organizations


class InvestigationActionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ActionKind.choices)
    date = forms.DateField(label=_("Date"), required=False, widget=DATE)
    text = forms.CharField(label=_("What was done"), widget=TEXTAREA)


class ReportForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=300)
    body = forms.CharField(label=_("Report"), required=False, widget=forms.Textarea)
    measures = forms.MultipleChoiceField(
        label=_("Measures taken"),
        required=False,
        choices=RESULT_MEASURES,
        widget=forms.CheckboxSelectMultiple,
    )
