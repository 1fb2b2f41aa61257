"""HTML forms of cases; each maps to one service function."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sswbridge.accounts.models import User
from sswbridge.cases.models import CaseStatus, Outcome, SubjectType
from sswbridge.cases.services import CASE_MARKINGS, TITLE_MAX
from sswbridge.core.models import Marking
from sswbridge.exchange.models import Communication
from sswbridge.frameworks.models import Framework
from sswbridge.intermediaries.models import Intermediary
from sswbridge.sending.models import SendingOrganization

DATE = forms.DateInput(attrs={"type": "date"})


class CaseFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *CaseStatus.choices]
    )
    subject_type = forms.ChoiceField(
        label=_("Subject"), required=False, choices=[("", _("All subjects")), *SubjectType.choices]
    )
    q = forms.CharField(label=_("Search title or reference"), required=False, max_length=200)


class CaseForm(forms.Form):
    framework = forms.ModelChoiceField(label=_("Framework"), queryset=Framework.objects.none())
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    subject_type = forms.ChoiceField(label=_("Subject"), choices=SubjectType.choices)
    intermediary = forms.ModelChoiceField(
        label=_("Intermediary"), required=False, queryset=Intermediary.objects.none()
    )
    sending_organization = forms.ModelChoiceField(
        label=_("Sending organization"),
        required=False,
        queryset=SendingOrganization.objects.none(),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    marking = forms.ChoiceField(
        label=_("Marking"),
        choices=[(m.value, m.label) for m in Marking if m.value in CASE_MARKINGS],
        initial=Marking.SIDE,
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        frameworks = Framework.objects.visible_to(user)
        self.fields["framework"].queryset = frameworks  # type: ignore[attr-defined]
        if frameworks.count() == 1:
            self.fields["framework"].initial = frameworks.first()
        self.fields["intermediary"].queryset = Intermediary.objects.visible_to(  # type: ignore[attr-defined]
            user
        ).prefetch_related("names")
        self.fields["sending_organization"].queryset = (  # type: ignore[attr-defined]
            SendingOrganization.objects.visible_to(user)
        )

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "framework": data["framework"],
            "title": data["title"],
            "subject_type": data["subject_type"],
            "intermediary": data.get("intermediary"),
            "sending_organization": data.get("sending_organization"),
            "description": data.get("description") or "",
            "marking": data["marking"],
        }


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=CaseStatus.choices)

    def __init__(self, *args: Any, moves: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if moves is not None:
            self.fields["status"].choices = [  # type: ignore[attr-defined]
                (m, CaseStatus(m).label) for m in moves
            ]


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    decision = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 4}))


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=TITLE_MAX)
    owner = forms.ModelChoiceField(label=_("Owner"), required=False, queryset=User.objects.none())
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DATE)

    def __init__(self, *args: Any, owners: QuerySet[User] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if owners is not None:
            self.fields["owner"].queryset = owners  # type: ignore[attr-defined]


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("File"))


class LinkForm(forms.Form):
    communication = forms.ModelChoiceField(
        label=_("Communication"), queryset=Communication.objects.none()
    )

    def __init__(
        self, *args: Any, communications: QuerySet[Communication] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if communications is not None:
            self.fields["communication"].queryset = communications  # type: ignore[attr-defined]
