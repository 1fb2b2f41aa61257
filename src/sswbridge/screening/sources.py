"""The registers screening searches, each a small declarative class.

A source says which model holds the records, which fields are names and identifiers, what
kind of party a record is, which statuses are flagged, and which related models change
it. Adding a register is adding a class with `@register`. A source whose model is not
installed is skipped, so a source can be declared before its register exists.

Entries are keyed "source:primary key". Which of them a user may see is decided by the
model's own `visible_to` (the one permission filter), never here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

from django.apps import apps
from django.db.models import Model, QuerySet

from sswbridge.screening.entries import (
    EMAIL,
    ORGANIZATION,
    PERSON,
    PHONE,
    REGISTRATION_NUMBER,
    TAX_NUMBER,
    Entry,
)


class Source:
    """A register as screening sees it. Subclass, set the attributes, decorate with @register."""

    name: ClassVar[str]  # the "source" part of an entry key
    model: ClassVar[str]  # "app_label.ModelName"
    name_fields: ClassVar[tuple[str, ...]] = ()
    identifier_fields: ClassVar[dict[str, str]] = {}  # identifier type -> field
    kind: ClassVar[str] = ORGANIZATION
    country: ClassVar[str] = ""  # fixed country, or:
    country_field: ClassVar[str] = ""
    status_field: ClassVar[str] = ""
    flagged: ClassVar[dict[str, str]] = {}  # status -> flag shown with the candidate
    related: ClassVar[dict[str, str]] = {}  # "app.Model" that changes a record -> its FK field
    prefetch: ClassVar[tuple[str, ...]] = ()

    def model_class(self) -> type[Model] | None:
        try:
            return apps.get_model(self.model)
        except LookupError:
            return None

    def queryset(self) -> QuerySet[Any]:
        model = self.model_class()
        assert model is not None
        return (
            model._default_manager.all()
            .select_related("framework")
            .prefetch_related(*self.prefetch)
            .order_by("pk")
        )

    # What an entry is made of; override for records that keep names in related rows.

    def names(self, obj: Any) -> list[str]:
        return [value for field in self.name_fields if (value := getattr(obj, field, ""))]

    def identifiers(self, obj: Any) -> list[tuple[str, str]]:
        pairs = [
            (type_, getattr(obj, field, "")) for type_, field in self.identifier_fields.items()
        ]
        return [(type_, value) for type_, value in pairs if value]

    def kind_of(self, obj: Any) -> str:
        return self.kind

    def country_of(self, obj: Any) -> str:
        return getattr(obj, self.country_field, "") if self.country_field else self.country

    def status_of(self, obj: Any) -> str:
        return str(getattr(obj, self.status_field, "")) if self.status_field else ""

    def entry(self, obj: Any) -> Entry:
        status = self.status_of(obj)
        framework = getattr(obj, "framework", None)
        return Entry(
            id=f"{self.name}:{obj.pk}",
            names=tuple(self.names(obj)),
            kind=self.kind_of(obj),
            country=self.country_of(obj),
            identifiers=tuple(self.identifiers(obj)),
            status=status,
            flags=(self.flagged[status],) if status in self.flagged else (),
            framework=getattr(framework, "code", ""),
            marking=getattr(obj, "marking", ""),
        )

    def entries(self) -> Iterator[Entry]:
        for obj in self.queryset().iterator(chunk_size=2000):
            entry = self.entry(obj)
            if entry.names:
                yield entry

    def load(self, object_id: str) -> Entry | None:
        """The entry of one record as it is now, None when it is gone or has no name."""
        obj = self.queryset().filter(pk=object_id).first()
        if obj is None:
            return None
        entry = self.entry(obj)
        return entry if entry.names else None

    def visible_ids(self, user: Any, object_ids: Iterable[str]) -> set[str]:
        model = self.model_class()
        if model is None:
            return set()
        visible = model._default_manager.visible_to(user).filter(pk__in=list(object_ids))  # type: ignore[attr-defined]
        return {str(pk) for pk in visible.values_list("pk", flat=True)}


SOURCES: dict[str, Source] = {}


def register(cls: type[Source]) -> type[Source]:
    SOURCES[cls.name] = cls()
    return cls


def available() -> list[Source]:
    """The sources whose register is installed."""
    return [source for source in SOURCES.values() if source.model_class() is not None]


def get(name: str) -> Source | None:
    return SOURCES.get(name)


@register
class IntermediarySource(Source):
    """Intermediaries reported under clause 4.1: names in every script, identifiers."""

    name = "intermediary"
    model = "intermediaries.Intermediary"
    country_field = "country"
    related = {
        "intermediaries.IntermediaryName": "intermediary_id",
        "intermediaries.IntermediaryIdentifier": "intermediary_id",
    }
    prefetch = ("names", "identifiers")

    def names(self, obj: Any) -> list[str]:
        return [name.value for name in obj.names.all()]

    def identifiers(self, obj: Any) -> list[tuple[str, str]]:
        return [(ident.type, ident.value) for ident in obj.identifiers.all()]

    def kind_of(self, obj: Any) -> str:
        return PERSON if obj.kind == "individual" else ORGANIZATION

    def queryset(self) -> QuerySet[Any]:
        # A record merged into another leaves the index; its names live on the other.
        return super().queryset().filter(merged_into__isnull=True)


@register
class SendingOrganizationSource(Source):
    """Sending organizations in every status; revoked and suspended ones are flagged."""

    name = "sending_organization"
    model = "sending.SendingOrganization"
    related = {"sending.SendingOrganizationName": "organization_id"}
    prefetch = ("names",)
    identifier_fields = {
        REGISTRATION_NUMBER: "registration_number",
        TAX_NUMBER: "tax_number",
        PHONE: "phone",
        EMAIL: "email",
    }
    status_field = "status"
    flagged = {"revoked": "revoked", "suspended": "suspended"}

    def names(self, obj: Any) -> list[str]:
        """The English name and its names in every language and script (issue 16)."""
        return [name for name in obj.all_names() if name]

    def country_of(self, obj: Any) -> str:
        side = getattr(obj.framework, "partner_side", None)
        return getattr(side, "country", "") or ""

    def queryset(self) -> QuerySet[Any]:
        return super().queryset().select_related("framework__partner_side")


@register
class ImprovementOrderSource(Source):
    """Accepting organizations in Japan under improvement orders."""

    name = "improvement_order"
    model = "orders.ImprovementOrder"
    name_fields = ("organization_name", "organization_name_en")
    country = "JP"


@register
class SupportOrganizationSource(Source):
    """Registered support organizations (登録支援機関); those off the list are flagged."""

    name = "support_organization"
    model = "support.SupportOrganization"
    name_fields = ("name",)
    identifier_fields = {REGISTRATION_NUMBER: "registration_number", PHONE: "telephone"}
    country = "JP"

    def status_of(self, obj: Any) -> str:
        return "listed" if obj.listed else "delisted"

    flagged = {"delisted": "delisted"}
