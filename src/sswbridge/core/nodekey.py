"""The node key: the Ed25519 key of this installation, kept in a file outside the database.

It signs every audit entry and every checkpoint of the audit chain, so that the chain cannot be
rewritten by someone who can only write to the database; the federation reuses it as the
node's signing key. `sswbridge keys generate` makes it (mode 0600); back it up apart from the
database's backups.

A key is named by its fingerprint: the SHA-256 of its raw 32-byte public key, in hex (shown
grouped by four). Each signature says which key made it, so keys can be rotated: when
`keys generate --force` replaces a key, the old public key is kept in the retired-keys file
beside it (`<key file>.retired`), and signatures made with it still verify.

Everything signed is prefixed with a context (`b"sswbridge audit entry\\n"`, ...) so that a
signature made for one purpose can never be passed off as one made for another.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import stat
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

PUBLIC_PEM_BEGIN = b"-----BEGIN PUBLIC KEY-----"


class NodeKeyError(ImproperlyConfigured):
    """The node key is missing, unreadable, readable by others, or not an Ed25519 key."""


def fingerprint(public_key: Ed25519PublicKey) -> str:
    """The key's id: SHA-256 of its raw public key, 64 hex digits."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def grouped(key_id: str) -> str:
    """A fingerprint as people read it: groups of four hex digits."""
    return " ".join(key_id[i : i + 4] for i in range(0, len(key_id), 4))


@dataclass(frozen=True)
class PublicKey:
    key: Ed25519PublicKey
    key_id: str

    @classmethod
    def of(cls, key: Ed25519PublicKey) -> PublicKey:
        return cls(key, fingerprint(key))

    @property
    def raw_base64(self) -> str:
        raw = self.key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return base64.b64encode(raw).decode()

    def pem(self) -> bytes:
        return self.key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    def verify(self, context: bytes, message: bytes, signature: str) -> bool:
        """True when `signature` (base64) was made by this key over context + message."""
        try:
            self.key.verify(base64.b64decode(signature, validate=True), context + message)
        except (InvalidSignature, ValueError):
            return False
        return True


@dataclass(frozen=True)
class NodeKey:
    private: Ed25519PrivateKey
    public: PublicKey

    @property
    def key_id(self) -> str:
        return self.public.key_id

    def sign(self, context: bytes, message: bytes) -> str:
        """The Ed25519 signature of context + message, in base64 (88 characters)."""
        return base64.b64encode(self.private.sign(context + message)).decode()


def retired_keys_file(path: Path) -> Path:
    return path.with_name(path.name + ".retired")


def _write_private(path: Path, pem: bytes, *, replace: bool) -> None:
    """Write the key readable by its owner only; never a moment with wider permissions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not replace:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
            handle.flush()
            os.fsync(handle.fileno())
        return
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # mode 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def generate(path: Path, *, force: bool = False) -> NodeKey:
    """Make a new key in `path` (mode 0600). An existing key is replaced only with `force`,
    and its public key is then appended to the retired-keys file so its signatures still
    verify. Raises FileExistsError when the key exists and `force` is not given."""
    path = Path(path)
    old: PublicKey | None = None
    if path.exists():
        if not force:
            raise FileExistsError(str(path))
        try:
            old = load(path).public
        except NodeKeyError:
            old = None  # an unreadable file: nothing it signed can be verified anyway
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    if old is not None:
        with retired_keys_file(path).open("ab") as handle:
            handle.write(old.pem())
    _write_private(path, pem, replace=path.exists())
    forget()
    return NodeKey(private, PublicKey.of(private.public_key()))


def load(path: Path) -> NodeKey:
    """Read the key from `path`. It must be an Ed25519 private key that only its owner may
    read (mode 0600 or 0400), as ssh demands of its keys."""
    path = Path(path)
    try:
        mode = path.stat().st_mode
        data = path.read_bytes()
    except FileNotFoundError:
        raise NodeKeyError(
            _("the node key file %(path)s does not exist") % {"path": path}
        ) from None
    except OSError as exc:
        raise NodeKeyError(
            _("the node key file %(path)s cannot be read: %(error)s")
            % {"path": path, "error": exc.strerror}
        ) from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise NodeKeyError(
            _(
                "the node key file %(path)s may be read by others (mode %(mode)s); "
                "run: chmod 600 %(path)s"
            )
            % {"path": path, "mode": f"{stat.S_IMODE(mode):04o}"}
        )
    try:
        private = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        raise NodeKeyError(
            _("the node key file %(path)s holds no readable private key") % {"path": path}
        ) from None
    if not isinstance(private, Ed25519PrivateKey):
        raise NodeKeyError(
            _("the node key file %(path)s holds a key that is not Ed25519") % {"path": path}
        )
    return NodeKey(private, PublicKey.of(private.public_key()))


def load_retired(path: Path) -> list[PublicKey]:
    """The public keys that `path` replaced, oldest first (none when there is no such file)."""
    try:
        data = retired_keys_file(Path(path)).read_bytes()
    except FileNotFoundError:
        return []
    keys: list[PublicKey] = []
    for block in data.split(PUBLIC_PEM_BEGIN)[1:]:
        try:
            key = serialization.load_pem_public_key(PUBLIC_PEM_BEGIN + block)
        except ValueError:
            raise NodeKeyError(
                _("%(path)s holds an unreadable key") % {"path": retired_keys_file(path)}
            ) from None
        if isinstance(key, Ed25519PublicKey):
            keys.append(PublicKey.of(key))
    return keys


_cache: dict[Path, NodeKey] = {}
_lock = threading.Lock()


def key_file() -> Path:
    from django.conf import settings

    return Path(settings.NODE_KEY_FILE)


def current() -> NodeKey:
    """This node's key, read once per process (SSWBRIDGE_NODE_KEY_FILE). A running process keeps
    the key it read: restart the service after `keys generate --force`."""
    path = key_file()
    key = _cache.get(path)
    if key is None:
        with _lock:
            key = _cache.get(path) or load(path)
            _cache[path] = key
    return key


def ensure() -> NodeKey:
    """The configured key, made first when its file does not exist (for the demo, as
    `serve --demo` makes var/secret_key). A production service never makes its own key."""
    path = key_file()
    if not path.exists():
        with contextlib.suppress(FileExistsError):  # made meanwhile by another process
            generate(path)
    return current()


def trusted() -> dict[str, PublicKey]:
    """Every public key whose signatures this node accepts, by key id: the current key and
    the keys it replaced."""
    path = key_file()
    keys = {key.key_id: key for key in load_retired(path)}
    own = current().public
    keys[own.key_id] = own
    return keys


def forget() -> None:
    """Drop the keys read so far (after a key is made or replaced in this process)."""
    with _lock:
        _cache.clear()
