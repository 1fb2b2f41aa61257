"""Each public download is built once per change of its register, then served as stored bytes.

Building a list of 40,000 organizations as XLSX takes tens of seconds; answering from a file
takes milliseconds. A download's file is named by everything its bytes depend on:

* the register and the portal;
* the format and the language (titles and column labels are translated);
* the register's version: a marker that changes with every import, publication,
  revocation or erasure by retention (`publication.public.register_state`,
  `support.public.support_state`).

The permanent links inside a file start with `settings.PUBLIC_URL`, not with whatever host a
visitor sent, so the file does not depend on the request. A change of the register gives a
new name at once: the next request finds no file and a new one is built; the files of older
versions of the same download are removed when the new one is written.

Who builds a missing file: the web process itself when the register is small (at most
`INLINE_ROWS` rows: a fraction of a second), otherwise the background worker (a durable job,
`publication.build_download`), while the web answers 503 with Retry-After. A web process
never spends seconds on a download, so downloads cannot hold every web process at once. Only
one web process builds at a time on a host (a lock file); another that finds the lock taken
answers 503 too.

Files live under `settings.DOWNLOADS_DIR`, written to a temporary name and renamed, so every
gunicorn process sees a whole file or none; on several machines the directory is shared as
the uploaded files are. CSV and JSON are also stored gzip-compressed and served so to
clients that accept it (with a weak ETag, as the compressed bytes differ).
"""

from __future__ import annotations

import fcntl
import gzip
import hashlib
import json
import os
import struct
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from sswbridge.core import jobs
from sswbridge.core.models import Job, JobStatus
from sswbridge.publication.caching import Stamp

BUILD_JOB = "publication.build_download"
# Registers of at most this many rows are built by the web process that first asks.
INLINE_ROWS = 2000
# Headers of the built response that are stored with its bytes and served again.
KEPT_HEADERS = (
    "Content-Type",
    "Content-Disposition",
    "X-Content-Type-Options",
    "Link",
    "X-Last-Updated",
)
COMPRESSED = ("csv", "json")
RETRY_AFTER_SECONDS = 10
_LENGTH = struct.Struct(">I")


@dataclass(frozen=True)
class Download:
    """A downloadable register: its state on a portal, how many rows it has (a cheap
    count), and how to build the file of a format (in the active language)."""

    state: Callable[[str], Stamp]
    rows: Callable[[str], int]
    build: Callable[[str, str, Stamp], HttpResponse]


_downloads: dict[str, Download] = {}


def register(name: str, download: Download) -> None:
    _downloads[name] = download


def directory() -> Path:
    return Path(settings.DOWNLOADS_DIR)


def _digest(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:24]


def _prefix(register: str, portal: str, fmt: str, language: str) -> str:
    return f"{register}-{portal}-{_digest(register, portal, fmt, language)}-"


def file_for(*, register: str, portal: str, fmt: str, language: str, version: str) -> Path:
    """Where the download of this register, in this state, format and language is kept."""
    return directory() / f"{_prefix(register, portal, fmt, language)}{_digest(version)}.{fmt}"


def stored_versions(*, register: str, portal: str, fmt: str, language: str) -> list[Path]:
    """The stored files of this download, whatever version of the register they hold."""
    prefix = _prefix(register, portal, fmt, language)
    return [p for p in directory().glob(prefix + "*") if p.suffix == "." + fmt]


def _family(path: Path) -> str:
    return path.name.rsplit("-", 1)[0] + "-"


def _gzip_of(path: Path) -> Path:
    return path.with_name(path.name + ".gz")


def accepts_gzip(request: HttpRequest) -> bool:
    offered = request.headers.get("Accept-Encoding", "")
    for item in offered.split(","):
        name, _sep, params = item.strip().partition(";")
        if name.strip().lower() == "gzip":
            return params.replace(" ", "").lower() not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def _read(path: Path, *, compressed: bool) -> HttpResponse | None:
    try:
        data = (_gzip_of(path) if compressed else path).read_bytes()
    except FileNotFoundError:
        return None
    (length,) = _LENGTH.unpack_from(data)
    headers = json.loads(data[_LENGTH.size : _LENGTH.size + length])
    body = data[_LENGTH.size + length :]
    response = HttpResponse(body, content_type=headers.pop("Content-Type"))
    for name, value in headers.items():
        response.headers[name] = value
    if compressed:
        response.headers["Content-Encoding"] = "gzip"
    return response


def _store(path: Path, meta: bytes, body: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".build-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(_LENGTH.pack(len(meta)))
            out.write(meta)
            out.write(body)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write(path: Path, response: HttpResponse) -> None:
    """Store a built download (and its gzip form) and remove older versions of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    headers = {name: response.headers[name] for name in KEPT_HEADERS if name in response.headers}
    meta = json.dumps(headers).encode()
    if path.suffix.lstrip(".") in COMPRESSED:
        _store(_gzip_of(path), meta, gzip.compress(response.content, compresslevel=6, mtime=0))
    _store(path, meta, response.content)
    for old in path.parent.glob(_family(path) + "*"):
        if old not in (path, _gzip_of(path)):
            old.unlink(missing_ok=True)


@contextmanager
def _build_lock() -> Iterator[bool]:
    """True while this process holds the host's build lock; False if another one does."""
    directory().mkdir(parents=True, exist_ok=True)
    with open(directory() / ".build.lock", "a+b") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def busy() -> HttpResponse:
    response = HttpResponse(
        _("This download is being prepared. Please try again in a few seconds."),
        status=503,
        content_type="text/plain; charset=utf-8",
    )
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response


def _queue_build(payload: dict[str, str]) -> None:
    """One pending build job per download at a time."""
    waiting = Job.objects.filter(
        kind=BUILD_JOB, payload=payload, status__in=[JobStatus.PENDING, JobStatus.RUNNING]
    )
    if not waiting.exists():
        jobs.enqueue(BUILD_JOB, payload, max_attempts=3)


def build_now(*, register: str, portal: str, fmt: str, language: str) -> Path:
    """Build the download of the register's current state (in the worker, or inline)."""
    download = _downloads[register]
    stamp = download.state(portal)
    path = file_for(register=register, portal=portal, fmt=fmt, language=language, version=stamp[1])
    if not path.exists():
        with translation.override(language):
            response = download.build(portal, fmt, stamp)
        write(path, response)
    return path


def serve(
    request: HttpRequest, *, register: str, portal: str, fmt: str, stamp: Stamp | None = None
) -> HttpResponse:
    """The stored download for the register's current state (`stamp`, when the caller has
    just read it); built if missing."""
    download = _downloads[register]
    language = translation.get_language() or settings.LANGUAGE_CODE
    stamp = stamp or download.state(portal)
    path = file_for(register=register, portal=portal, fmt=fmt, language=language, version=stamp[1])
    compressed = fmt in COMPRESSED and accepts_gzip(request)
    found = _read(path, compressed=compressed)
    if found is None:
        if download.rows(portal) > INLINE_ROWS:
            payload = {"register": register, "portal": portal, "format": fmt, "language": language}
            _queue_build(payload)
            return busy()
        with _build_lock() as mine:
            if not mine:
                return busy()
            build_now(register=register, portal=portal, fmt=fmt, language=language)
        found = _read(path, compressed=compressed)
        if found is None:  # the register changed while it was built: the next request
            return busy()
    patch_vary_headers(found, ("Accept-Encoding",))
    return found
