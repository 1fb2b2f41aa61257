"""Downloads rebuilt when their register changes, before the next visitor asks.

A change of a register (a publication, a revocation, an import of the support list, an edit
or an erasure of a published record) gives its downloads a new version (`download_cache`);
without more, the first visitor afterwards would get 503 until a worker had built the new
file. So the change itself queues a job, `publication.warm_downloads`, in its own
transaction: committed with it, and gone with it if it rolls back.

The changes are caught by signals on the models that make a register's version (the
services that write them need to know nothing of the portal's files), and by the `Erasure`
row that retention writes beside its bulk `update()`. Publication connects its own
`Publication`; each register app connects its records' (`record_changed`, `changed`) from
its ready(), publication importing none of them:

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
from sswbridge.publication.models import Register

WARM_JOB = "publication.warm_downloads"


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

# The field of a `Publication` that names the record of each register it publishes.
_RECORD_FIELDS = {
    str(Register.SENDING_ORGANIZATIONS): "sending_organization_id",
    str(Register.IMPROVEMENT_ORDERS): "improvement_order_id",
}


def _portals_publishing(field: str, pk: Any) -> set[str]:
    from sswbridge.publication.models import Publication

    found = Publication.objects.published_for(None).filter(**{field: pk})
    return set(found.values_list("portal", flat=True).distinct())


def _publication_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    if instance.published_at is not None and instance.register in _RECORD_FIELDS:
        changed(register=instance.register, portals={instance.portal})


def record_changed(register: str, pk: Any) -> None:
    """A record of a register published through a `Publication` changed (saved, deleted,
    erased): queue the rebuild on the portals that publish it and store its downloads. The
    register's app calls it from its own signals (sending/public.py, orders/public.py,
    retention/public.py)."""
    stored = stored_portals(register)
    if stored:
        portals = _portals_publishing(_RECORD_FIELDS[register], pk) & stored
        if portals:
            changed(register=register, portals=portals)


def connect() -> None:
    """Called once from the app's ready(); the registers connect their own records'."""
    from sswbridge.publication.models import Publication

    for signal in (post_save, post_delete):
        signal.connect(_publication_changed, sender=Publication, dispatch_uid="warm-publication")
