"""`side release`: after the new node imported the archive, this node gives up what was the
side's own and never shared with Japan.

Read from the archive this node signed (so exactly what was exported, never what was made
since): the rows of role `own` are deleted (the side's unshared records with what hangs off
them, its users' tokens, devices, preferences, notifications and readings); the side's user
accounts are closed rather than deleted, since shared records name them: inactive, no
password. Shared rows (what Japan holds too) and the audit trail stay. One transaction, one
audit entry (`federation.side_released`).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied
from django.db import models, router, transaction
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from sswbridge.accounts.models import User
from sswbridge.audit import services as audit
from sswbridge.federation.sidemove import collect
from sswbridge.federation.sidemove.archive import RECORDS, Archive, ArchiveError
from sswbridge.frameworks.models import Framework


def release_side(archive: Archive, *, os_user: str) -> dict[str, Any]:
    manifest = archive.manifest
    framework = Framework.objects.get(code=manifest["framework"])
    own: dict[str, list[Any]] = {}
    for row in archive.json(RECORDS):
        if row["role"] == collect.OWN:
            own.setdefault(row["model"], []).append(row["pk"])
    with transaction.atomic():
        user_ids = own.pop(User._meta.label_lower, [])
        collector = Collector(using=router.db_for_write(User))
        try:
            for name, pks in own.items():
                objects: list[models.Model] = list(
                    apps.get_model(name)._base_manager.filter(pk__in=pks)
                )
                collector.collect(objects)
        except (ProtectedError, RestrictedError) as exc:
            raise ArchiveError(
                _("some of the side's own rows are still used by others: %(error)s")
                % {"error": exc}
            ) from None
        deleted: Counter[str] = Counter()
        listed = {(name, str(pk)) for name, pks in own.items() for pk in pks}
        doomed = [(m._meta.label_lower, i.pk) for m, rows in collector.data.items() for i in rows]
        for queryset in collector.fast_deletes:
            name = queryset.model._meta.label_lower
            doomed.extend((name, pk) for pk in queryset.values_list("pk", flat=True))
        for name, pk in doomed:
            if (name, str(pk)) not in listed:
                raise ArchiveError(
                    _("releasing would delete %(row)s, which is not the side's own: refused")
                    % {"row": f"{name} {pk}"}
                )
            deleted[name] += 1
        try:
            collector.delete()
        except PermissionDenied as exc:  # a terminated framework is a read-only archive
            raise ArchiveError(str(exc)) from None
        closed = User.objects.filter(pk__in=user_ids).update(
            is_active=False, password=make_password(None), is_staff=False, is_superuser=False
        )
        audit.record(
            actor=None,
            action="federation.side_released",
            object_type="frameworks.side",
            object_id=manifest["side"],
            framework=framework,
            changes={
                "manifest_sha256": archive.digest,
                "deleted": dict(sorted(deleted.items())),
                "users_closed": closed,
                "os_user": os_user,
            },
        )
    return {"deleted": dict(sorted(deleted.items())), "users_closed": closed}
