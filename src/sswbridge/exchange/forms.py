"""HTML forms of the exchange; a communication's form is built from its kind's fields."""

from __future__ import annotations

import functools
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sswbridge.core.models import Marking
from sswbridge.exchange.kinds import CommunicationKind, FieldType, PayloadField, all_kinds
from sswbridge.exchange.richtext import HELP_TEXT
from sswbridge.exchange.selectors import FOLDER_LABELS, Box, Folder
from sswbridge.exchange.services import EXCHANGE_MARKINGS, SUBJECT_MAX
from sswbridge.frameworks.models import Framework

PREFIX = "p_"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; their type and size are checked by the service."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class ListFilterForm(forms.Form):
    folder = forms.ChoiceField(label=_("List"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    sent_from = forms.DateField(
        label=_("Sent from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sent_to = forms.DateField(
        label=_("Sent until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=200)

    def __init__(self, *args: Any, box: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.box = box
        labels = FOLDER_LABELS[Box(box)]
        self.fields["folder"].choices = list(labels.items())  # type: ignore[attr-defined]
        self.fields["kind"].choices = [("", _("All kinds"))] + [  # type: ignore[attr-defined]
            (kind.key, kind.label) for kind in all_kinds()
        ]

    def folder_value(self) -> str:
        return str(self.cleaned_data.get("folder") or Folder.ALL)

    def as_html(self) -> SafeString:
        """`as_p()`, remembered per language, box and submitted values: the form is on every
        inbox and outbox page, and Django renders each `<option>` through a template (about
        6 ms for this form, as much as a page of rows)."""
        given = QueryDict(mutable=True)
        given.update(self.data)  # a QueryDict or MultiValueDict in; every value kept
        data = tuple((name, tuple(given.getlist(name))) for name in self.fields)
        if sum(len(value) for _name, values in data for value in values) > FILTER_MEMO_CHARS:
            return self.as_p()
        return _filters_html(get_language() or "", self.box, self.is_bound, data)


FILTER_MEMO_CHARS = 400
"""Longer submitted values are rendered each time instead of remembered."""


@functools.lru_cache(maxsize=512)
def _filters_html(
    language: str, box: str, bound: bool, data: tuple[tuple[str, tuple[str, ...]], ...]
) -> SafeString:
    query = QueryDict(mutable=True)
    for name, values in data:
        query.setlist(name, list(values))
    with translation.override(language or None):
        return ListFilterForm(query if bound else None, box=box).as_p()


def _payload_field(spec: PayloadField) -> forms.Field:
    required = spec.required and spec.type != FieldType.MULTI_CHOICE
    if spec.type == FieldType.MULTI_CHOICE:
        return forms.MultipleChoiceField(
            label=spec.label,
            choices=spec.choices,
            required=spec.required,
            widget=forms.CheckboxSelectMultiple,
        )
    if spec.type == FieldType.CHOICE:
        return forms.ChoiceField(
            label=spec.label, choices=[("", "—"), *spec.choices], required=required
        )
    widget = forms.Textarea(attrs={"rows": 2}) if spec.max_length > 300 else None
    return forms.CharField(
        label=spec.label, required=False, max_length=spec.max_length, widget=widget
    )


class CommunicationForm(forms.Form):
    """Subject, body, marking and the kind's own fields; a framework when there is a choice."""

    framework = forms.ModelChoiceField(label=_("Framework"), queryset=Framework.objects.none())
    subject = forms.CharField(label=_("Subject"), max_length=SUBJECT_MAX)
    body = forms.CharField(
        label=_("Text"),
        required=False,
        help_text=HELP_TEXT,
        widget=forms.Textarea(attrs={"rows": 10, "aria-describedby": "id_body_help"}),
    )
    marking = forms.ChoiceField(
        label=_("Marking"),
        choices=[(m.value, m.label) for m in Marking if m.value in EXCHANGE_MARKINGS],
    )

    def __init__(
        self,
        *args: Any,
        kind: CommunicationKind,
        frameworks: QuerySet[Framework] | None = None,
        with_files: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        if with_files:
            self.fields["attachments"] = MultipleFileField(
                label=_("Attachments (PDF, images, office documents)"), required=False
            )
            self.fields["withhold_attachments"] = forms.BooleanField(
                label=_("Withhold these attachments from the other side"),
                required=False,
                help_text=_("They are kept; the other side sees that files are withheld."),
            )
        if frameworks is None:
            del self.fields["framework"]
        else:
            field = self.fields["framework"]
            field.queryset = frameworks  # type: ignore[attr-defined]
            if frameworks.count() == 1:
                field.initial = frameworks.first()
        self.fields["marking"].initial = self.fields["marking"].initial or kind.default_marking
        for spec in kind.fields:
            self.fields[PREFIX + spec.name] = _payload_field(spec)
        if kind.fields:
            self.fields["withheld_fields"] = forms.MultipleChoiceField(
                label=_("Withhold from the other side"),
                choices=[(spec.name, spec.label) for spec in kind.fields],
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text=_(
                    "Stored, never shown to the other side: it sees that the field is withheld "
                    "and may ask for it."
                ),
            )

    def payload_fields(self) -> list[forms.BoundField]:
        return [self[PREFIX + spec.name] for spec in self.kind.fields]

    def payload(self) -> dict[str, Any]:
        return {
            spec.name: self.cleaned_data.get(PREFIX + spec.name)
            for spec in self.kind.fields
            if self.cleaned_data.get(PREFIX + spec.name) not in (None, "", [])
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        try:
            self.kind.validate_payload(self.payload())
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                target = PREFIX + name if PREFIX + name in self.fields else None
                for message in messages:
                    self.add_error(target, message)
        return cleaned

    def service_fields(self) -> dict[str, Any]:
        """Keyword arguments for the exchange services."""
        fields = {
            "subject": self.cleaned_data["subject"],
            "body": self.cleaned_data.get("body", ""),
            "payload": self.payload(),
            "marking": self.cleaned_data["marking"],
        }
        if "attachments" in self.fields:
            fields["attachments"] = self.cleaned_data.get("attachments") or []
            fields["withhold_attachments"] = bool(self.cleaned_data.get("withhold_attachments"))
        if "withheld_fields" in self.fields:
            fields["withheld_fields"] = list(self.cleaned_data.get("withheld_fields") or [])
        return fields

    @staticmethod
    def initial_from(communication: Any) -> dict[str, Any]:
        initial = {
            "subject": communication.subject,
            "body": communication.body,
            "marking": communication.marking,
            "withheld_fields": list(communication.withheld_fields or []),
        }
        for name, value in communication.payload.items():
            initial[PREFIX + name] = value
        return initial


class AttachmentForm(forms.Form):
    attachments = MultipleFileField(label=_("Files"))
    withheld = forms.BooleanField(label=_("Withhold from the other side"), required=False)


class RetractForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it retracted?"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReleaseRequestForm(forms.Form):
    target = forms.CharField(max_length=100, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Why do you need it?"), max_length=2000)


class ReleaseDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("release", _("Release")), ("refuse", _("Refuse"))]
    )
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)


class AnswerPeriodForm(forms.Form):
    """One number of business days per kind that needs an answer; empty = the default."""

    def __init__(self, *args: Any, periods: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for period in periods:
            self.fields[period.kind.key] = forms.IntegerField(
                label=period.kind.label,
                required=False,
                min_value=1,
                max_value=365,
                initial=None if period.is_default else period.business_days,
                help_text=_("Default: %(days)d business days") % {"days": period.business_days}
                if period.is_default
                else "",
            )


class NotificationPreferenceForm(forms.Form):
    """Two check boxes per kind: by e-mail and in the app."""

    def __init__(self, *args: Any, current: dict[str, tuple[bool, bool]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows: list[tuple[CommunicationKind, str, str]] = []
        for kind in all_kinds():
            email, in_app = current.get(kind.key, (True, True))
            self.fields["email_" + kind.key] = forms.BooleanField(
                label=_("by e-mail"), required=False, initial=email
            )
            self.fields["app_" + kind.key] = forms.BooleanField(
                label=_("in the app"), required=False, initial=in_app
            )
            self.rows.append((kind, "email_" + kind.key, "app_" + kind.key))

    def bound_rows(self) -> list[tuple[CommunicationKind, forms.BoundField, forms.BoundField]]:
        return [(kind, self[e], self[a]) for kind, e, a in self.rows]

    def choices(self) -> dict[str, tuple[bool, bool]]:
        return {
            kind.key: (bool(self.cleaned_data.get(e)), bool(self.cleaned_data.get(a)))
            for kind, e, a in self.rows
        }
