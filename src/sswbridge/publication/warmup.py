"""Downloads rebuilt when their register changes, before the next visitor asks.

A change of a register (a publication, a revocation, an import of the support list, an edit
or an erasure of a published record) gives its downloads a new version (`download_cache`);
without more, the first visitor afterwards would get 503 until a worker had built the new
file. So the change itself queues a job, `publication.warm_downloads`, in its own
transaction: committed with it, and gone with it if it rolls back.

The changes are caught by signals on the models that make a register's version (the
services that write them need to know nothing of the portal's files), and by the `Erasure`
row that retention writes beside its bulk `update()`:

* `Publication` saved or deleted: its register on its portal;
* `SupportImport` saved with a publication time: the support list, on every portal;
* `SendingOrganization` / `ImprovementOrder` saved, or erased by retention, while published:
  its register on the portals that publish it.

Only downloads that were asked for before are rebuilt (those with a stored file of an older
version, in their format and language): a register nobody downloads costs nothing, and a
change queues no job at all while no file of its register is stored. One job waits per
register and portal at a time: however many records a transaction changes, it queues one
job, and that job builds whatever state is current when it runs. A change made while a job
runs queues the next one.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models.signals import post_delete, post_save

from sswbridge.core import jobs
from sswbridge.core.models import Job, JobStatus
from sswbridge.publication import download_cache
from sswbridge.publication.downloads import FORMATS

WARM_JOB = "publication.warm_downloads"
SUPPORT = "support_organizations"
SENDING = "sending_organizations"
ORDERS = "improvement_orders"


def stored_portals(register: str) -> set[str]:
    """The portals with a stored download of this register (any version)."""
    prefix = register + "-"
    try:
        names = [p.name for p in download_cache.directory().iterdir()]
    except FileNotFoundError:
        return set()
    return {n[len(prefix) :].split("-", 1)[0] for n in names if n.startswith(prefix)}


def asked_for(register: str, portal: str) -> list[tuple[str, str]]:
    """(format, language) of each download of the register on the portal with a stored file."""
    return [
        (fmt, language)
        for fmt in FORMATS
        for language, _name in settings.LANGUAGES
        if download_cache.stored_versions(
            register=register, portal=portal, fmt=fmt, language=language
        )
    ]


def changed(*, register: str, portals: set[str] | None = None) -> None:
    """Queue the rebuild of the register's stored downloads on these portals (every portal
    with a stored one when None), in the caller's transaction."""
    stored = stored_portals(register)
    for portal in sorted(stored if portals is None else stored & portals):
        payload = {"register": register, "portal": portal}
        waiting = Job.objects.filter(kind=WARM_JOB, payload=payload, status=JobStatus.PENDING)
        if not waiting.exists():
            jobs.enqueue(WARM_JOB, payload, max_attempts=3)


def warm(*, register: str, portal: str) -> int:
    """Build the current state of every download of the register asked for on the portal
    (the job's work); returns how many files it looked at."""
    wanted = asked_for(register, portal)
    for fmt, language in wanted:
        download_cache.build_now(register=register, portal=portal, fmt=fmt, language=language)
    return len(wanted)


# --- what changes a register ---------------------------------------------------------------


def _portals_publishing(field: str, pk: Any) -> set[str]:
    from sswbridge.publication.models import Publication

    found = Publication.objects.published_for(None).filter(**{field: pk})
    return set(found.values_list("portal", flat=True).distinct())


def _publication_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    if instance.published_at is not None and instance.register in (SENDING, ORDERS):
        changed(register=instance.register, portals={instance.portal})


def _support_import_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    if instance.published_at is not None:
        changed(register=SUPPORT)


def _record_changed(register: str, field: str, pk: Any) -> None:
    stored = stored_portals(register)
    if stored:
        portals = _portals_publishing(field, pk) & stored
        if portals:
            changed(register=register, portals=portals)


def _organization_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    _record_changed(SENDING, "sending_organization_id", instance.pk)


def _order_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    _record_changed(ORDERS, "improvement_order_id", instance.pk)


def _erased(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
    from sswbridge.retention.catalogue import RetentionKind

    if created and instance.kind == RetentionKind.SENDING_ORG_CONTACTS:
        _record_changed(SENDING, "sending_organization_id", instance.object_id)
    elif created and instance.kind == RetentionKind.IMPROVEMENT_ORDER_REPRESENTATIVE:
        _record_changed(ORDERS, "improvement_order_id", instance.object_id)


def connect() -> None:
    """Called once from the app's ready()."""
    from sswbridge.orders.models import ImprovementOrder
    from sswbridge.publication.models import Publication
    from sswbridge.retention.models import Erasure
    from sswbridge.sending.models import SendingOrganization
    from sswbridge.support.models import SupportImport

    for signal in (post_save, post_delete):
        signal.connect(_publication_changed, sender=Publication, dispatch_uid="warm-publication")
        signal.connect(_organization_changed, sender=SendingOrganization, dispatch_uid="warm-org")
        signal.connect(_order_changed, sender=ImprovementOrder, dispatch_uid="warm-order")
    post_save.connect(_support_import_changed, sender=SupportImport, dispatch_uid="warm-support")
    post_save.connect(_erased, sender=Erasure, dispatch_uid="warm-erasure")
