"""Model labels that audit entries store, old and new.

An audit entry stores its object's label (`app_label.modelname`) and the chain's hashes cover
it, so an entry keeps the label its model had when it was written. When a model moves to
another app (the registry's split, issue 13), its old label stays here: the trail's filter
and any link from an entry to its object resolve both names. Strings only: the audit trail
imports no app.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models

# Old label → the label the model has now.
RENAMED: dict[str, str] = {
    "registry.publication": "publication.publication",
    "registry.publicationsettings": "publication.publicationsettings",
    "registry.improvementorder": "orders.improvementorder",
    "registry.sendingorganization": "sending.sendingorganization",
    "registry.statuschange": "sending.statuschange",
    "registry.examinationcriterion": "sending.examinationcriterion",
    "registry.examinationresult": "sending.examinationresult",
    "registry.investigation": "sending.investigation",
    "registry.investigationaction": "sending.investigationaction",
    "registry.intermediary": "intermediaries.intermediary",
    "registry.intermediaryname": "intermediaries.intermediaryname",
    "registry.intermediaryidentifier": "intermediaries.intermediaryidentifier",
    "registry.intermediarylink": "intermediaries.intermediarylink",
    "registry.intermediarymention": "intermediaries.intermediarymention",
    "registry.intermediarymerge": "intermediaries.intermediarymerge",
    "registry.duplicatedismissal": "intermediaries.duplicatedismissal",
}


def current(label: str) -> str:
    """The model's label today, for a label an entry stored (old or new)."""
    return RENAMED.get(label, label)


def aliases(label: str) -> list[str]:
    """Every label under which entries of this model may be stored: its label today first,
    then the labels it had before."""
    now = current(label)
    return [now, *sorted(old for old, new in RENAMED.items() if new == now)]


def model_for(label: str) -> type[models.Model] | None:
    """The model an entry's label names (an old label included); None when none does."""
    app_label, _dot, name = current(label).partition(".")
    try:
        return apps.get_model(app_label, name)
    except (LookupError, ValueError):
        return None
