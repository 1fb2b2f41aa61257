"""HTML forms of the intermediaries register; the services check everything again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sswbridge.core.models import Marking
from sswbridge.frameworks.models import Framework
from sswbridge.intermediaries.models import (
    IdentifierType,
    Intermediary,
    LinkRelation,
    PartyKind,
    Script,
)
from sswbridge.intermediaries.services.intermediaries import (
    IDENTIFIER_MAX,
    NAME_MAX,
    NOTES_MAX,
    REGISTER_MARKINGS,
)

MARKINGS = [(m.value, m.label) for m in Marking if m.value in REGISTER_MARKINGS]


def intermediary_label(item: Intermediary) -> str:
    """Every name of the intermediary, its country and framework (names prefetched)."""
    names = " / ".join(n.value for n in item.names.all()) or str(item.pk)
    return f"{names} ({item.country}, {item.framework.code})"


class IntermediaryChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return intermediary_label(obj)


class IntermediaryMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return intermediary_label(obj)


class IntermediaryFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or identifier"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *PartyKind.choices]
    )
    country = forms.CharField(label=_("Country"), required=False, max_length=2)


class IntermediaryNameForm(forms.Form):
    value = forms.CharField(label=_("Name"), max_length=NAME_MAX)
    script = forms.ChoiceField(label=_("Script"), choices=Script.choices)
    language = forms.CharField(
        label=_("Language (BCP 47)"),
        required=False,
        max_length=16,
        help_text=_("For example ky, ru, en or ja."),
    )


class IntermediaryIdentifierForm(forms.Form):
    type = forms.ChoiceField(label=_("Type"), choices=IdentifierType.choices)
    value = forms.CharField(label=_("Value"), max_length=IDENTIFIER_MAX)
    country = forms.CharField(label=_("Country"), required=False, max_length=2)


class IntermediaryLinkForm(forms.Form):
    person = IntermediaryChoiceField(label=_("Person"), queryset=Intermediary.objects.none())
    relation = forms.ChoiceField(label=_("Relation"), choices=LinkRelation.choices)

    def __init__(self, *args: Any, people: QuerySet[Intermediary], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]


class IntermediaryEditForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PartyKind.choices)
    country = forms.CharField(
        label=_("Country"), max_length=2, help_text=_("Two letters (ISO 3166-1), such as KG or JP.")
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=NOTES_MAX, widget=forms.Textarea({"rows": 4})
    )
    marking = forms.ChoiceField(label=_("Marking"), choices=MARKINGS, initial=Marking.BOTH)


class IntermediaryForm(IntermediaryEditForm):
    """A new intermediary: its first name and, optionally, one identifier (add more later)."""

    framework = forms.ModelChoiceField(label=_("Framework"), queryset=Framework.objects.none())
    name = forms.CharField(label=_("Name"), max_length=NAME_MAX)
    script = forms.ChoiceField(label=_("Script"), choices=Script.choices)
    language = forms.CharField(label=_("Language (BCP 47)"), required=False, max_length=16)
    identifier_type = forms.ChoiceField(
        label=_("Identifier type"),
        required=False,
        choices=[("", "—"), *IdentifierType.choices],
    )
    identifier_value = forms.CharField(
        label=_("Identifier"), required=False, max_length=IDENTIFIER_MAX
    )

    field_order = ["framework", "kind", "country", "name", "script", "language"]

    def __init__(self, *args: Any, frameworks: QuerySet[Framework], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["framework"]
        field.queryset = frameworks  # type: ignore[attr-defined]
        if frameworks.count() == 1:
            field.initial = frameworks.first()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if bool(cleaned.get("identifier_type")) != bool(cleaned.get("identifier_value")):
            self.add_error("identifier_value", _("Give both the type and the value."))
        return cleaned

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        identifiers = []
        if data.get("identifier_type"):
            identifiers.append({"type": data["identifier_type"], "value": data["identifier_value"]})
        return {
            "framework": data["framework"],
            "kind": data["kind"],
            "country": data["country"],
            "notes": data.get("notes", ""),
            "marking": data["marking"],
            "names": [
                {"value": data["name"], "script": data["script"], "language": data["language"]}
            ],
            "identifiers": identifiers,
        }


class MentionForm(forms.Form):
    """The intermediaries a new communication names: existing ones, and one new one."""

    prefix = "im"

    existing = IntermediaryMultipleChoiceField(
        label=_("Intermediaries in the register"),
        required=False,
        queryset=Intermediary.objects.none(),
        help_text=_("Only intermediaries of the communication's framework can be named."),
    )
    new_name = forms.CharField(label=_("Name"), required=False, max_length=NAME_MAX)
    new_script = forms.ChoiceField(label=_("Script"), required=False, choices=Script.choices)
    new_language = forms.CharField(label=_("Language (BCP 47)"), required=False, max_length=16)
    new_kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", "—"), *PartyKind.choices]
    )
    new_country = forms.CharField(label=_("Country"), required=False, max_length=2)
    new_identifier_type = forms.ChoiceField(
        label=_("Identifier type"), required=False, choices=[("", "—"), *IdentifierType.choices]
    )
    new_identifier_value = forms.CharField(
        label=_("Identifier"), required=False, max_length=IDENTIFIER_MAX
    )

    def __init__(self, *args: Any, choices: QuerySet[Intermediary], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["existing"].queryset = choices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("new_name"):
            for name in ("new_kind", "new_country"):
                if not cleaned.get(name):
                    self.add_error(name, _("This field is required for a new intermediary."))
        if bool(cleaned.get("new_identifier_type")) != bool(cleaned.get("new_identifier_value")):
            self.add_error("new_identifier_value", _("Give both the type and the value."))
        elif cleaned.get("new_identifier_type") and not cleaned.get("new_name"):
            self.add_error("new_name", _("Name the new intermediary."))
        return cleaned

    def service_fields(self) -> dict[str, Any]:
        """Keyword arguments for the exchange services (`intermediary_ids`, ...)."""
        data = self.cleaned_data
        new = []
        if data.get("new_name"):
            identifiers = []
            if data.get("new_identifier_type"):
                identifiers.append(
                    {"type": data["new_identifier_type"], "value": data["new_identifier_value"]}
                )
            new.append(
                {
                    "kind": data["new_kind"],
                    "country": data["new_country"],
                    "names": [
                        {
                            "value": data["new_name"],
                            "script": data["new_script"] or Script.OTHER,
                            "language": data.get("new_language", ""),
                        }
                    ],
                    "identifiers": identifiers,
                }
            )
        return {
            "intermediary_ids": [item.pk for item in data.get("existing") or []],
            "new_intermediaries": new,
        }


MENTIONING_KINDS = frozenset(
    {"intermediary_share", "improper_activity_notice", "exam_fraud_report", "inquiry"}
)
"""Kinds whose compose form offers to name intermediaries (the API accepts them on any kind)."""


def mention_form(data: Any, *, user: Any, kind: str) -> MentionForm | None:
    """The intermediaries block of the compose form for this kind, or None."""
    if kind not in MENTIONING_KINDS:
        return None
    from sswbridge.intermediaries.selectors import intermediaries_for

    return MentionForm(data, choices=intermediaries_for(user).filter(merged_into__isnull=True))
