"""The live index kept on disk, so that a restart loads it instead of analysing every name.

One file per database in `settings.SCREENING_INDEX_DIR`: a header line, then the index's
rows (`ScreeningIndex.export`), both plain JSON — nothing in the file can run code. The
header holds:

- `engine`: a digest of the code that analyses names (and pykakasi's version); a file made
  by other code is not used, since its forms would differ from those of the code running;
- `database`: which database the index was made from;
- the change log's position when it was made (`seen`, the newest change-log row applied,
  with its time; `horizon` and `applied`, as `live.sync` keeps them), from which the
  loading process applies only what changed since;
- `mac`: an HMAC (keyed by the secret key) of the header and the rows. A file that is torn,
  edited or written by someone without the key is ignored and the index rebuilt. Without
  a secret key (a command run with no configuration), nothing is saved or loaded.

A file is written whole to a temporary name in the same directory, then renamed over the
old one, so another process (a web worker, the background worker) reading it at the same
time reads the old file or the new one, never a mixture.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import importlib.metadata
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils.crypto import salted_hmac

from sswbridge.screening import (
    japanese,
    katakana,
    keys,
    legal_forms,
    names,
    normalize,
    persons,
    translit,
)
from sswbridge.screening.index import ScreeningIndex, without_gc

log = logging.getLogger(__name__)

FORMAT = 1
_SALT = "sswbridge.screening.store"
_ANALYSIS = (normalize, legal_forms, translit, japanese, katakana, persons, names, keys)


@dataclass(frozen=True, slots=True)
class Position:
    """Where in the change log an index stands (`live.sync`)."""

    seen: int  # the newest change-log row applied
    seen_at: str  # that row's time (ISO 8601), "" when there was none
    horizon: dt.datetime  # when the change log was last read
    applied: dict[int, dt.datetime]  # rows of the last window already applied


@cache
def engine() -> str:
    """A digest of the code and dictionary that turn names into forms."""
    digest = hashlib.sha256()
    for module in _ANALYSIS:
        digest.update(Path(str(module.__file__)).read_bytes())
    digest.update(importlib.metadata.version("pykakasi").encode())
    return digest.hexdigest()[:32]


def database() -> str:
    """Which database this process uses (vendor, name, host, port), as a short digest."""
    params = connection.settings_dict
    label = "|".join(
        str(part)
        for part in (connection.vendor, params.get("NAME"), params.get("HOST"), params.get("PORT"))
    )
    return hashlib.sha256(label.encode()).hexdigest()[:16]


def path() -> Path:
    return Path(settings.SCREENING_INDEX_DIR) / f"index-{database()}.json"


def signing_key_set() -> bool:
    """Whether a secret key signs the file; without one, nothing is saved or loaded."""
    try:
        return bool(settings.SECRET_KEY)
    except ImproperlyConfigured:
        return False


def _mac(header: bytes, body: bytes) -> str:
    return salted_hmac(_SALT, header + b"\n" + body, algorithm="sha256").hexdigest()


def write(index: ScreeningIndex, position: Position) -> Path | None:
    """Save the index and its position in the change log; atomic (temporary file, rename).
    None when there is no secret key to sign it with."""
    if not signing_key_set():
        log.info("no secret key: the screening index is not saved")
        return None
    target = path()
    target.parent.mkdir(parents=True, exist_ok=True)
    body = json.dumps(index.export(), ensure_ascii=False, separators=(",", ":")).encode()
    fields: dict[str, Any] = {
        "format": FORMAT,
        "engine": engine(),
        "database": database(),
        "seen": position.seen,
        "seen_at": position.seen_at,
        "horizon": position.horizon.isoformat(),
        "applied": {str(row): at.isoformat() for row, at in position.applied.items()},
        "entries": len(index),
    }
    header = json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()
    signed = json.dumps({**fields, "mac": _mac(header, body)}, sort_keys=True).encode()
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".index-", suffix=".partial")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(signed + b"\n" + body)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def read() -> tuple[ScreeningIndex, Position] | None:
    """The saved index and its position, or None when there is none fit to use (missing,
    made by other code or from another database, torn or not signed with this key)."""
    if not signing_key_set():
        return None
    source = path()
    try:
        data = source.read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        log.warning("screening index %s could not be read; rebuilding", source, exc_info=True)
        return None
    first, _newline, body = data.partition(b"\n")
    try:
        fields = json.loads(first)
        mac = fields.pop("mac")
        header = json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()
        if not hmac.compare_digest(str(mac), _mac(header, body)):
            log.warning("screening index %s fails its integrity check; rebuilding", source)
            return None
        if (fields["format"], fields["engine"], fields["database"]) != (
            FORMAT,
            engine(),
            database(),
        ):
            return None
        with without_gc():
            rows = json.loads(body)
        index = ScreeningIndex.restore(rows)
        position = Position(
            seen=int(fields["seen"]),
            seen_at=str(fields["seen_at"]),
            horizon=dt.datetime.fromisoformat(fields["horizon"]),
            applied={
                int(row): dt.datetime.fromisoformat(at) for row, at in fields["applied"].items()
            },
        )
    except (ValueError, KeyError, TypeError):
        log.warning("screening index %s is malformed; rebuilding", source, exc_info=True)
        return None
    return index, position
