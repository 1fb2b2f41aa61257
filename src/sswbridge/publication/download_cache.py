"""Each public download is built once per change of its register, then served as stored bytes.

Building a list of 40,000 organizations as XLSX takes seconds of a web process; answering
from a file takes milliseconds. A download's file is named by everything its bytes depend on:

* the register and the portal;
* the format and the language (titles and column labels are translated);
* the address the visitor used (the permanent links inside are absolute);
* the register's version: a marker that changes with every import, publication,
  revocation, retraction or erasure by retention (`registry.public.register_version`,
  `support.public.support_version`).

A change of the register gives a new name at once, so the next request builds the new file;
the files of older versions of the same download are removed when the new one is written.
Files live under `settings.DOWNLOADS_DIR`, written to a temporary name and renamed, so every
gunicorn process (and host sharing the directory) sees a whole file or none.

Only one download is built at a time on a host (a lock file): a request that finds another
build under way answers 503 with Retry-After instead of holding a second web process.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import struct
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

# Headers of the built response that are stored with its bytes and served again.
KEPT_HEADERS = (
    "Content-Type",
    "Content-Disposition",
    "X-Content-Type-Options",
    "Link",
    "X-Last-Updated",
)
RETRY_AFTER_SECONDS = 10
_LENGTH = struct.Struct(">I")


def directory() -> Path:
    return Path(settings.DOWNLOADS_DIR)


def _digest(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:24]


def file_for(request: HttpRequest, *, register: str, portal: str, fmt: str, version: str) -> Path:
    """Where the download of this register, in this state, format and language is kept."""
    family = _digest(
        register, portal, fmt, translation.get_language() or "", request.build_absolute_uri("/")
    )
    return directory() / f"{register}-{portal}-{family}-{_digest(version)}.{fmt}"


def _family(path: Path) -> str:
    return path.name.rsplit("-", 1)[0] + "-"


def _read(path: Path) -> HttpResponse | None:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    (length,) = _LENGTH.unpack_from(data)
    headers = json.loads(data[_LENGTH.size : _LENGTH.size + length])
    body = data[_LENGTH.size + length :]
    response = HttpResponse(body, content_type=headers.pop("Content-Type"))
    for name, value in headers.items():
        response.headers[name] = value
    return response


def _write(path: Path, response: HttpResponse) -> None:
    headers = {name: response.headers[name] for name in KEPT_HEADERS if name in response.headers}
    meta = json.dumps(headers).encode()
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".build-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(_LENGTH.pack(len(meta)))
            out.write(meta)
            out.write(response.content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    for old in path.parent.glob(_family(path) + "*"):
        if old != path:
            old.unlink(missing_ok=True)


@contextmanager
def _build_lock() -> Iterator[bool]:
    """True while this process holds the host's build lock; False if another one does."""
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
    return response


def cached_download(
    request: HttpRequest,
    *,
    register: str,
    portal: str,
    fmt: str,
    version: str,
    build: Callable[[], HttpResponse],
) -> HttpResponse:
    """The stored download for this state of the register, built by `build()` if missing."""
    path = file_for(request, register=register, portal=portal, fmt=fmt, version=version)
    found = _read(path)
    if found is not None:
        return found
    path.parent.mkdir(parents=True, exist_ok=True)
    with _build_lock() as mine:
        if not mine:
            return busy()
        found = _read(path)  # finished by another process since the first look
        if found is not None:
            return found
        response = build()
        _write(path, response)
    return response
