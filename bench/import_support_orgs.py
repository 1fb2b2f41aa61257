"""Benchmark: import Japan's list of registered support organizations.

    uv run python bench/import_support_orgs.py [--rows 20000]

Generates a realistic list in Japan's romanized English layout (title rows above the
header), imports it, re-imports the same file, then imports a copy with 100 organizations
changed. For each import it prints rows per second and the ratio of its time to the time
openpyxl alone takes to read the file (read-only mode, every cell). The last line is one
JSON object with the figures.

Targets: first import <= 3x the read time; re-import <= 1.5x, changing nothing.

It runs on a fresh SQLite database in a temporary directory, or on the database of
SSWBRIDGE_DATABASE_URL when that is set (it then uses a framework of its own, `jp-bench`).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

FIRST_TARGET = 3.0
REIMPORT_TARGET = 1.5
CHANGED = 100


def _setup(workdir: Path) -> str:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sswbridge.settings")
    os.environ.setdefault("SSWBRIDGE_SECRET_KEY", "bench-" + "x" * 50)
    os.environ.setdefault("SSWBRIDGE_VAR_DIR", str(workdir))
    external = bool(os.environ.get("SSWBRIDGE_DATABASE_URL"))
    if not external:
        os.environ["SSWBRIDGE_DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from sswbridge.core import nodekey

    nodekey.ensure()  # the import's audit entries are signed
    return f"{connection.vendor}{' (SSWBRIDGE_DATABASE_URL)' if external else ''}"


def _world() -> tuple[Any, Any]:
    """A partner side, framework, contact points and a Japanese registrar of the bench."""
    from sswbridge.accounts.models import Agency, Role, User
    from sswbridge.frameworks.models import ContactPoint, Framework, Side, SideKind
    from sswbridge.support.models import SupportChange, SupportImport, SupportOrganization

    side, _ = Side.objects.get_or_create(
        code="ZB", defaults={"kind": SideKind.PARTNER, "country": "ZZ", "name_en": "Bench partner"}
    )
    agency, _ = Agency.objects.get_or_create(
        code="zb-bench", defaults={"side": side, "name_en": "Bench partner contact point"}
    )
    framework, _ = Framework.objects.get_or_create(
        code="jp-bench",
        defaults={
            "partner_side": side,
            "title": "Benchmark framework",
            "japan_signing_place": "Tokyo",
            "partner_signing_place": "Bench",
            "status": "in_force",
        },
    )
    isa = Agency.objects.get(code="isa")
    ContactPoint.objects.get_or_create(framework=framework, side=side, defaults={"agency": agency})
    ContactPoint.objects.get_or_create(framework=framework, side=isa.side, defaults={"agency": isa})
    user = User.objects.filter(username="bench-registrar").first()
    if user is None:
        user = User.objects.create_user(
            username="bench-registrar",
            email="bench-registrar@example.test",
            password=None,
            agency=isa,
            role=Role.REGISTRAR,
        )
    SupportChange.objects.filter(support_import__framework=framework).delete()
    SupportImport.objects.filter(framework=framework).delete()
    SupportOrganization.objects.filter(framework=framework).delete()
    return user, framework


def _read_time(path: Path, repeat: int = 3) -> float:
    """The median time openpyxl alone takes to read every cell (read-only mode)."""
    from openpyxl import load_workbook

    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        workbook = load_workbook(path, read_only=True, data_only=True)
        for sheet in workbook.worksheets:
            for _row in sheet.iter_rows(values_only=True):
                pass
        workbook.close()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _import(user: Any, framework: Any, path: Path, label: str) -> dict[str, Any]:
    """One import, compared with reads of the same file just before it (so that a machine
    busy with other work slows both alike)."""
    from sswbridge.support import services

    read = _read_time(path)
    started = time.perf_counter()
    record = services.import_file(actor=user, framework=framework, path=path)
    seconds = time.perf_counter() - started
    figures = {
        "import": label,
        "seconds": round(seconds, 3),
        "rows_per_second": round(record.rows_total / seconds),
        "read_seconds": round(read, 3),
        "ratio_to_read": round(seconds / read, 2),
        "added": record.added,
        "removed": record.removed,
        "changed": record.changed,
        "status": record.status,
    }
    print(
        f"{label:>10}: {seconds:6.2f} s, {figures['rows_per_second']:>7} rows/s, "
        f"{figures['ratio_to_read']:.2f}x the read time ({read:.2f} s); "
        f"added {record.added}, removed {record.removed}, changed {record.changed}"
    )
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sswb-bench-") as tmp:
        workdir = Path(tmp)
        database = _setup(workdir)
        from sswbridge.support import samples

        rows = samples.make_rows(args.rows)
        first = samples.write_list(workdir / "list.xlsx", rows, edition="en")
        changed_rows = [dict(r) for r in rows]
        step = max(len(rows) // CHANGED, 1)
        for n in range(0, min(CHANGED * step, len(rows)), step):
            changed_rows[n]["address"] = f"{n}-1-1 Kasumigaseki, Chiyoda-ku, Tokyo"
        second = samples.write_list(workdir / "list-changed.xlsx", changed_rows, edition="en")
        user, framework = _world()
        size = first.stat().st_size
        print(f"database {database}; {len(rows)} rows, {size / 1e6:.1f} MB file")
        results = [
            _import(user, framework, first, "first"),
            _import(user, framework, first, "re-import"),
            _import(user, framework, second, "changed"),
        ]
        met = (
            results[0]["ratio_to_read"] <= FIRST_TARGET
            and results[1]["ratio_to_read"] <= REIMPORT_TARGET
            and results[1]["added"] + results[1]["removed"] + results[1]["changed"] == 0
            and results[2]["changed"] == min(CHANGED, len(rows))
        )
        print(
            f"targets: first <= {FIRST_TARGET}x, re-import <= {REIMPORT_TARGET}x and "
            f"unchanged: {'met' if met else 'NOT met'}"
        )
        summary = {
            "bench": "import_support_orgs",
            "database": database,
            "rows": len(rows),
            "file_bytes": size,
            "imports": results,
            "targets": {"first": FIRST_TARGET, "reimport": REIMPORT_TARGET},
            "targets_met": met,
        }
        print(json.dumps(summary))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
