"""The retention catalogue names real models and fields, and no model with personal fields is
missing from it: a label missed when a model moves to another app (the registry's split) would
otherwise let its personal data into the audit chain unmasked."""

from __future__ import annotations

from django.apps import apps

from sswbridge.retention.catalogue import AUDIT_MASKED, KINDS

# Field names that hold a person's data wherever they appear.
PERSONAL = {"representative", "representatives", "phone", "email", "date_of_birth", "employer"}
PERSONAL |= {"situation_note", "assistance"}

# Models with such a field that the catalogue leaves out on purpose, with the reason.
NOT_RETAINED = {
    "accounts.user": "the officers' own accounts, kept while they work with the system",
    "frameworks.contactpoint": "a contact point's official mailbox, not a person's",
    "exchange.notificationpreference": "an officer's address for notifications",
    "support.supportorganization": "a registered organization's representative, published",
}


def _fields(label: str) -> set[str]:
    return {f.name for f in apps.get_model(label)._meta.get_fields()}


def test_every_model_the_catalogue_names_is_installed_with_its_fields():
    named = [(part.model, set(part.fields)) for kind in KINDS.values() for part in kind.parts]
    named += [(label, set(names)) for label, names in AUDIT_MASKED.items()]
    missing = [
        (label, sorted(names - _fields(label)))
        for label, names in named
        if names - _fields(label) - {n for n in names if "." in n}  # payload keys
    ]
    assert missing == []


def test_every_model_with_personal_fields_has_them_masked_in_the_audit_trail():
    uncovered = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if not model.__module__.startswith("sswbridge.") or label in NOT_RETAINED:
            continue
        personal = {f.name for f in model._meta.get_fields()} & PERSONAL
        if personal - set(AUDIT_MASKED.get(label, ())):
            uncovered[label] = sorted(personal - set(AUDIT_MASKED.get(label, ())))
    assert uncovered == {}
