"""HTML forms of the consultations; each maps to one service function."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sswbridge.accounts.models import Agency
from sswbridge.cases.models import Case
from sswbridge.consultations.models import (
    ActionStatus,
    AgendaItem,
    Consultation,
    ConsultationKind,
    Subject,
)
from sswbridge.consultations.services import CONSULTATION_MARKINGS, TITLE_MAX
from sswbridge.core.models import Marking
from sswbridge.exchange.models import Communication
from sswbridge.frameworks.models import Framework, Side
from sswbridge.intermediaries.models import Intermediary
from sswbridge.sending.models import SendingOrganization

DATE = forms.DateInput(attrs={"type": "date"})
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ConsultationForm(forms.Form):
    framework = forms.ModelChoiceField(label=_("Framework"), queryset=Framework.objects.none())
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    kind = forms.ChoiceField(label=_("Kind"), choices=ConsultationKind.choices)
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("Ends at"), required=False, widget=DATETIME)
    place = forms.CharField(label=_("Place"), required=False, max_length=300)
    video_link = forms.CharField(label=_("Video link"), required=False, max_length=500)
    marking = forms.ChoiceField(
        label=_("Marking"),
        choices=[(m.value, m.label) for m in Marking if m.value in CONSULTATION_MARKINGS],
        initial=Marking.BOTH,
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        frameworks = Framework.objects.visible_to(user)
        self.fields["framework"].queryset = frameworks  # type: ignore[attr-defined]
        if frameworks.count() == 1:
            self.fields["framework"].initial = frameworks.first()


class ParticipantForm(forms.Form):
    side = forms.ModelChoiceField(label=_("Side"), queryset=Side.objects.none())
    name = forms.CharField(label=_("Name"), max_length=300)
    position = forms.CharField(label=_("Position"), required=False, max_length=300)
    agency = forms.ModelChoiceField(
        label=_("Agency"), required=False, queryset=Agency.objects.none()
    )

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sides = consultation.framework.sides()
        self.fields["side"].queryset = Side.objects.filter(  # type: ignore[attr-defined]
            pk__in=[s.pk for s in sides]
        )
        self.fields["agency"].queryset = Agency.objects.filter(  # type: ignore[attr-defined]
            side__in=sides
        ).select_related("side")


def _visible(model: Any, user: Any, consultation: Consultation) -> QuerySet[Any]:
    qs: QuerySet[Any] = model.objects.visible_to(user).filter(framework=consultation.framework)
    return qs


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    subjects = forms.MultipleChoiceField(
        label=_("Subjects (clause 4.2)"),
        choices=Subject.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    is_dispute = forms.BooleanField(
        label=_("A dispute over the interpretation or implementation (clause 10)"),
        required=False,
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    cases = forms.ModelMultipleChoiceField(
        label=_("Cases"), required=False, queryset=Case.objects.none()
    )
    intermediaries = forms.ModelMultipleChoiceField(
        label=_("Intermediaries"), required=False, queryset=Intermediary.objects.none()
    )
    sending_organizations = forms.ModelMultipleChoiceField(
        label=_("Sending organizations"),
        required=False,
        queryset=SendingOrganization.objects.none(),
    )
    communications = forms.ModelMultipleChoiceField(
        label=_("Communications"), required=False, queryset=Communication.objects.none()
    )

    def __init__(self, *args: Any, user: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, model in (
            ("cases", Case),
            ("intermediaries", Intermediary),
            ("sending_organizations", SendingOrganization),
            ("communications", Communication),
        ):
            self.fields[name].queryset = _visible(  # type: ignore[attr-defined]
                model, user, consultation
            )

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "subjects": data["subjects"],
            "is_dispute": data["is_dispute"],
            "description": data["description"],
            "case_ids": [o.pk for o in data["cases"]],
            "intermediary_ids": [o.pk for o in data["intermediaries"]],
            "sending_organization_ids": [o.pk for o in data["sending_organizations"]],
            "communication_ids": [o.pk for o in data["communications"]],
        }


class OutcomeForm(forms.Form):
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 2}))


class MinutesForm(forms.Form):
    text = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 8}))


class ActionItemForm(forms.Form):
    title = forms.CharField(label=_("Action"), max_length=TITLE_MAX)
    owner_agency = forms.ModelChoiceField(label=_("Owning agency"), queryset=Agency.objects.none())
    due_date = forms.DateField(label=_("Due date"), widget=DATE)
    agenda_item = forms.ModelChoiceField(
        label=_("Agenda item"), required=False, queryset=AgendaItem.objects.none()
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_agency"].queryset = Agency.objects.filter(  # type: ignore[attr-defined]
            side__in=consultation.framework.sides()
        ).select_related("side")
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(  # type: ignore[attr-defined]
            consultation=consultation
        )


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (s.value, s.label)
            for s in (ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.CANCELLED)
        ],
    )
    progress_note = forms.CharField(label=_("Progress"), required=False, max_length=2000)


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("held", _("Held")), ("cancelled", _("Cancelled"))],
    )
