"""Register changes caught by signals and written to the change log (`ScreeningChange`).

Saves and deletes through the ORM are caught here. Bulk writes (`bulk_create`, `update()`)
send no signals: the service that makes them calls `changed()` for the records, or
`source_changed()` for a whole register (as an import of the support-organization list
does), in its transaction.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from sswbridge.screening import sources
from sswbridge.screening.models import WHOLE_SOURCE, ScreeningChange


def changed(source: str, object_ids: Any) -> None:
    """Note that these records of a source changed (in the caller's transaction)."""
    ids = [object_ids] if isinstance(object_ids, str | int) or not object_ids else object_ids
    ScreeningChange.objects.bulk_create(
        [ScreeningChange(source=source, object_id=str(pk)) for pk in ids if pk]
    )


def source_changed(source: str) -> None:
    """Note that a whole source changed: every process reloads it."""
    ScreeningChange.objects.create(source=source, object_id=WHOLE_SOURCE)


def _receiver(source: str, field: str | None) -> Any:
    def record(sender: Any, instance: Any, **kwargs: Any) -> None:
        object_id = getattr(instance, field) if field else instance.pk
        if object_id is not None:
            ScreeningChange.objects.create(source=source, object_id=str(object_id))

    return record


_receivers: list[Any] = []  # signals hold receivers weakly


def connect() -> None:
    for source in sources.SOURCES.values():
        if source.model_class() is None:
            continue
        watched: list[tuple[str, str | None]] = [(source.model, None)]
        watched += list(source.related.items())
        for label, field in watched:
            try:
                model = apps.get_model(label)
            except LookupError:
                continue
            receiver = _receiver(source.name, field)
            _receivers.append(receiver)
            uid = f"screening:{source.name}:{label}"
            post_save.connect(receiver, sender=model, dispatch_uid=uid + ":save")
            post_delete.connect(receiver, sender=model, dispatch_uid=uid + ":delete")
