"""Every write to the intermediaries register: one transaction each, with its audit entry.

Officers, contact-point officers and registrars keep the register; auditors and
administrators only read it. An intermediary is changed only by its originating side (the
originator controls its information); anyone who may see it may link it to a share.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sswbridge.accounts.models import Role, User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.core.cleaning import clean_choice, clean_text
from sswbridge.core.models import Marking
from sswbridge.frameworks.models import Framework
from sswbridge.intermediaries.identifiers import normalize
from sswbridge.intermediaries.models import (
    IdentifierType,
    Intermediary,
    IntermediaryIdentifier,
    IntermediaryLink,
    IntermediaryMention,
    IntermediaryName,
    LinkRelation,
    PartyKind,
    Script,
)

EDITOR_ROLES = (Role.CONTACT_POINT, Role.OFFICER, Role.REGISTRAR)
REGISTER_MARKINGS = (Marking.AGENCY, Marking.SIDE, Marking.BOTH)
AUDITED = ("framework_id", "kind", "country", "notes", "marking", "version")
NAME_MAX = 300
IDENTIFIER_MAX = 500
NOTES_MAX = 10_000
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


class NotPermitted(PermissionDenied):
    """The user may not change this part of the register; `code` is machine-readable."""

    def __init__(self, code: str, message: str | Promise) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = str(message)


def may_edit(user: Any) -> bool:
    """Whether the user may add to the register at all."""
    return bool(getattr(user, "is_authenticated", False) and user.role in EDITOR_ROLES)


def may_change(user: Any, item: Intermediary) -> bool:
    """Whether the user may change this intermediary: an editor of its originating side, and
    the record is not merged into another (undo the merge first)."""
    return (
        may_edit(user)
        and user.agency.side_id == item.originator_side_id
        and item.merged_into_id is None
    )


def _require_editor(actor: User, framework: Framework) -> None:
    if not may_edit(actor):
        raise NotPermitted("role_may_not_edit", _("Your role may not change the register."))
    if not Framework.objects.visible_to(actor).filter(pk=framework.pk).exists():
        raise ValidationError({"framework": [str(_("No such framework."))]})


def _require_change(actor: User, item: Intermediary) -> None:
    if item.merged_into_id is not None:
        raise NotPermitted(
            "intermediary_merged",
            _("This intermediary was merged into another record; change that one instead."),
        )
    if not may_change(actor, item):
        raise NotPermitted(
            "not_originating_side", _("Only the side that reported an intermediary may change it.")
        )


# --- cleaning ------------------------------------------------------------------------------


def _country(value: Any, field: str = "country", *, required: bool = True) -> str:
    text = str(value or "").strip().upper()
    if not text and not required:
        return ""
    if not _COUNTRY.match(text):
        raise ValidationError(
            {field: [str(_("Give a two-letter country code (ISO 3166-1), such as KG or JP."))]}
        )
    return text


def _marking(value: Any) -> str:
    marking = value or Marking.BOTH
    if marking not in REGISTER_MARKINGS:
        raise ValidationError(
            {"marking": [str(_("Intermediaries are never public; choose agency, side or both."))]}
        )
    return str(marking)


def clean_name(name: Mapping[str, Any]) -> dict[str, str]:
    """{value, script, language} checked; ValidationError({field: [message]})."""
    value = clean_text("value", name.get("value"), limit=NAME_MAX, line=True)
    script = clean_choice("script", name.get("script") or Script.OTHER, Script.values)
    language = str(name.get("language") or "").strip()
    if language and (len(language) > 16 or not _LANGUAGE.match(language)):
        raise ValidationError({"language": [str(_("Give a language tag such as ky, ru or ja."))]})
    return {"value": value, "script": script, "language": language}


def clean_identifier(identifier: Mapping[str, Any]) -> dict[str, str]:
    """{type, value, country, normalized} checked; ValidationError({field: [message]})."""
    type_ = clean_choice("type", identifier.get("type"), IdentifierType.values)
    value = clean_text("value", identifier.get("value"), limit=IDENTIFIER_MAX, line=True)
    normalized = normalize(type_, value)
    if not normalized:
        raise ValidationError({"value": [str(_("This value has no letters or digits."))]})
    country = _country(identifier.get("country"), required=False)
    return {
        "type": type_,
        "value": value,
        "normalized": normalized[:IDENTIFIER_MAX],
        "country": country,
    }


def _nested(field: str, index: int, exc: ValidationError) -> ValidationError:
    """An error of one item of a list, named as `field.index.name`."""
    if hasattr(exc, "error_dict"):
        return ValidationError(
            {f"{field}.{index}.{name}": msgs for name, msgs in exc.message_dict.items()}
        )
    return ValidationError({f"{field}.{index}": exc.messages})


def _clean_all(items: Sequence[Mapping[str, Any]], field: str, clean: Any) -> list[dict[str, str]]:
    cleaned = []
    for index, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise ValidationError({f"{field}.{index}": [str(_("Give an object."))]})
        try:
            cleaned.append(clean(item))
        except ValidationError as exc:
            raise _nested(field, index, exc) from None
    return cleaned


# --- audit helpers -------------------------------------------------------------------------


def _record_child(actor: User, child: Any, item: Intermediary, fields: Sequence[str]) -> None:
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=child,
        framework=item.framework,
        changes=audit.diff(None, audit.snapshot(child, fields)),
    )


NAME_FIELDS = ("intermediary_id", "value", "script", "language")
IDENTIFIER_FIELDS = ("intermediary_id", "type", "value", "normalized", "country")
LINK_FIELDS = ("from_intermediary_id", "to_intermediary_id", "relation")


# --- writes --------------------------------------------------------------------------------


def create_intermediary(
    *,
    actor: User,
    framework: Framework,
    kind: str,
    country: str,
    names: Sequence[Mapping[str, Any]],
    identifiers: Sequence[Mapping[str, Any]] = (),
    notes: str = "",
    marking: str | None = None,
) -> Intermediary:
    """A new intermediary with at least one name, reported by the actor's agency."""
    kind = clean_choice("kind", kind, PartyKind.values)
    country = _country(country)
    clean_names = _clean_all(names, "names", clean_name)
    if not clean_names:
        raise ValidationError({"names": [str(_("Give at least one name."))]})
    clean_ids = _clean_all(identifiers, "identifiers", clean_identifier)
    notes = clean_text("notes", notes, limit=NOTES_MAX, required=False)
    marking = _marking(marking)
    with transaction.atomic():
        _require_editor(actor, framework)
        item = Intermediary.objects.create(
            framework=framework,
            originator_side=actor.agency.side,
            originator_agency=actor.agency,
            marking=marking,
            kind=kind,
            country=country,
            notes=notes,
        )
        created_names = [
            IntermediaryName.objects.create(intermediary=item, **name) for name in clean_names
        ]
        seen: set[tuple[str, str]] = set()
        created_ids = []
        for ident in clean_ids:
            if (ident["type"], ident["normalized"]) in seen:
                continue
            seen.add((ident["type"], ident["normalized"]))
            created_ids.append(IntermediaryIdentifier.objects.create(intermediary=item, **ident))
        after = {
            **audit.snapshot(item, AUDITED),
            "names": [audit.snapshot(n, NAME_FIELDS[1:]) for n in created_names],
            "identifiers": [audit.snapshot(i, IDENTIFIER_FIELDS[1:]) for i in created_ids],
        }
        audit.record(
            actor=actor, action=AuditAction.CREATE, obj=item, changes=audit.diff(None, after)
        )
        return item


def update(
    *,
    actor: User,
    intermediary: Intermediary,
    kind: str | None = None,
    country: str | None = None,
    notes: str | None = None,
    marking: str | None = None,
) -> Intermediary:
    """Change the kind, country, notes or marking; names and identifiers are added apart."""
    _require_change(actor, intermediary)
    with transaction.atomic():
        item: Intermediary = Intermediary.objects.select_for_update(no_key=True).get(
            pk=intermediary.pk
        )
        before = audit.snapshot(item, AUDITED)
        if kind is not None:
            item.kind = clean_choice("kind", kind, PartyKind.values)
        if country is not None:
            item.country = _country(country)
        if notes is not None:
            item.notes = clean_text("notes", notes, limit=NOTES_MAX, required=False)
        if marking is not None:
            item.marking = _marking(marking)
        changes = audit.diff(before, audit.snapshot(item, AUDITED))
        if changes:
            item.version += 1
            item.save()
            audit.record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=item,
                changes=audit.diff(before, audit.snapshot(item, AUDITED)),
            )
        return item


def add_name(
    *, actor: User, intermediary: Intermediary, value: str, script: str, language: str = ""
) -> IntermediaryName:
    """One more name, in any script."""
    _require_change(actor, intermediary)
    cleaned = clean_name({"value": value, "script": script, "language": language})
    with transaction.atomic():
        if intermediary.names.filter(value=cleaned["value"], script=cleaned["script"]).exists():
            raise ValidationError({"value": [str(_("The intermediary already has this name."))]})
        name = IntermediaryName.objects.create(intermediary=intermediary, **cleaned)
        _record_child(actor, name, intermediary, NAME_FIELDS)
        return name


def add_identifier(
    *, actor: User, intermediary: Intermediary, type: str, value: str, country: str = ""
) -> IntermediaryIdentifier:
    """A registration or tax number, phone, e-mail, web site or address."""
    _require_change(actor, intermediary)
    cleaned = clean_identifier({"type": type, "value": value, "country": country})
    with transaction.atomic():
        if intermediary.identifiers.filter(
            type=cleaned["type"], normalized=cleaned["normalized"]
        ).exists():
            raise ValidationError(
                {"value": [str(_("The intermediary already has this identifier."))]}
            )
        ident = IntermediaryIdentifier.objects.create(intermediary=intermediary, **cleaned)
        _record_child(actor, ident, intermediary, IDENTIFIER_FIELDS)
        return ident


def link_person(
    *, actor: User, intermediary: Intermediary, person: Intermediary, relation: str
) -> IntermediaryLink:
    """Link an individual (a director, founder, ...) to an intermediary of the same framework.

    `person` must be visible to the actor; the caller looks it up through `visible_to`.
    """
    _require_change(actor, intermediary)
    relation = clean_choice("relation", relation, LinkRelation.values)
    if person.kind != PartyKind.INDIVIDUAL:
        raise ValidationError({"person": [str(_("Only an individual can be linked as a person."))]})
    if person.pk == intermediary.pk:
        raise ValidationError({"person": [str(_("An intermediary cannot be linked to itself."))]})
    merged = Intermediary.objects.filter(pk=person.pk, merged_into__isnull=False).exists()
    if person.framework_id != intermediary.framework_id or merged:
        raise ValidationError({"person": [str(_("No such intermediary."))]})
    with transaction.atomic():
        if IntermediaryLink.objects.filter(
            from_intermediary=intermediary, to_intermediary=person, relation=relation
        ).exists():
            raise ValidationError({"person": [str(_("This person is already linked so."))]})
        link = IntermediaryLink.objects.create(
            from_intermediary=intermediary, to_intermediary=person, relation=relation
        )
        _record_child(actor, link, intermediary, LINK_FIELDS)
        return link


def mention(
    *, actor: User, communication: Any, intermediaries: Iterable[Intermediary]
) -> list[IntermediaryMention]:
    """Record that a communication names these intermediaries (each once)."""
    created = []
    with transaction.atomic():
        for item in intermediaries:
            found, new = IntermediaryMention.objects.get_or_create(
                intermediary=item, communication=communication
            )
            if not new:
                continue
            created.append(found)
            audit.record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=found,
                framework=communication.framework,
                changes=audit.diff(
                    None, audit.snapshot(found, ("intermediary_id", "communication_id"))
                ),
            )
    return created


def _existing_for(
    actor: User, framework: Framework, ids: Sequence[UUID | str]
) -> list[Intermediary]:
    wanted: list[UUID] = []
    for value in ids:
        try:
            wanted.append(value if isinstance(value, UUID) else UUID(str(value)))
        except ValueError:
            raise ValidationError({"intermediary_ids": [str(_("No such intermediary."))]}) from None
    wanted = list(dict.fromkeys(wanted))
    found = list(
        Intermediary.objects.visible_to(actor).filter(
            framework=framework, pk__in=wanted, merged_into__isnull=True
        )
    )
    if len(found) != len(wanted):
        raise ValidationError({"intermediary_ids": [str(_("No such intermediary."))]})
    order = {pk: i for i, pk in enumerate(wanted)}
    return sorted(found, key=lambda item: order[item.pk])


def mention_in_communication(
    *,
    actor: User,
    communication: Any,
    intermediary_ids: Sequence[UUID | str] = (),
    new_intermediaries: Sequence[Mapping[str, Any]] = (),
) -> list[Intermediary]:
    """Link existing intermediaries to a communication and create the new ones it describes.

    Existing ones must be visible to the actor and of the communication's framework. New ones
    take the communication's marking, so whoever may read the share may read them. Runs in the
    caller's transaction: the share and its intermediaries are saved together or not at all.
    """
    with transaction.atomic():
        items = _existing_for(actor, communication.framework, intermediary_ids)
        for index, spec in enumerate(new_intermediaries):
            fields = dict(spec)
            unknown = set(fields) - {"kind", "country", "names", "identifiers", "notes"}
            if unknown:
                raise ValidationError({f"new_intermediaries.{index}": [str(_("Unknown fields."))]})
            try:
                items.append(
                    create_intermediary(
                        actor=actor,
                        framework=communication.framework,
                        marking=communication.marking,
                        kind=fields.get("kind", ""),
                        country=fields.get("country", ""),
                        names=list(fields.get("names") or []),
                        identifiers=list(fields.get("identifiers") or []),
                        notes=str(fields.get("notes") or ""),
                    )
                )
            except ValidationError as exc:
                raise _nested("new_intermediaries", index, exc) from None
        mention(actor=actor, communication=communication, intermediaries=items)
        from sswbridge.screening import services as screening  # issue 5: screened when named

        screening.screen_intermediaries(
            actor=actor, intermediaries=items, communication=communication
        )
        return items


def carry_mentions(*, actor: User, original: Any, correction: Any) -> list[IntermediaryMention]:
    """A corrected version names the same intermediaries as the version it corrects."""
    items = [m.intermediary for m in original.intermediary_mentions.select_related("intermediary")]
    return mention(actor=actor, communication=correction, intermediaries=items)
