"""What the exchange asks of the apps that keep registers, without importing them.

A communication may name entries of a register (the intermediaries of clause 4.1): the
compose form has a block for them, the API takes and gives them, a search finds a
communication by their names, a correction names them again. The app that keeps that register
registers a `Mentions` from its `AppConfig.ready()`; until one does, a communication names
nothing. The exchange calls these and never imports the register.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from sswbridge.accounts.models import User
    from sswbridge.exchange.models import Communication


class MentionForm(Protocol):
    """The compose form's block for the entries a new communication names."""

    def is_valid(self) -> bool: ...

    def service_fields(self) -> dict[str, Any]: ...


class Record(Protocol):
    def __call__(
        self,
        *,
        actor: User,
        communication: Communication,
        intermediary_ids: Sequence[Any],
        new_intermediaries: Sequence[Mapping[str, Any]],
    ) -> object: ...


class Carry(Protocol):
    def __call__(
        self, *, actor: User, original: Communication, correction: Communication
    ) -> object: ...


class MakeForm(Protocol):
    def __call__(self, data: Any, *, user: Any, kind: str) -> MentionForm | None: ...


@dataclass(frozen=True)
class Mentions:
    visible: Callable[[Any, Communication], Iterable[Any]]
    """The entries a communication names that the user may see (the detail page)."""
    for_api: Callable[[Any, Communication], list[Any]]
    """The same, with their names, from `prefetch`'s prefetch when the list made one."""
    prefetch: Callable[[QuerySet[Communication], Any], QuerySet[Communication]]
    """A list of communications with the entries each names that the user may see."""
    matching: Callable[[Any, str], QuerySet[Any]]
    """`communication_id` values of the communications naming an entry, visible to the user,
    whose name holds the text (an entry the user may not see is never searched)."""
    record: Record
    """Name the entries (existing by id, new ones described) in the caller's transaction."""
    carry: Carry
    """A correction names the entries its original names."""
    form: MakeForm
    """The compose form's block for a kind, or None for a kind that names no entries."""
    form_template: str
    """The template that shows `form`'s block, given as `mentions`."""


def _nothing_named(*args: Any, **kwargs: Any) -> list[Any]:
    return []


def _unchanged(qs: QuerySet[Communication], user: Any) -> QuerySet[Communication]:
    return qs


def _no_matches(user: Any, text: str) -> QuerySet[Any]:
    from sswbridge.exchange.models import Communication

    return Communication.objects.none().values("pk")


def _refuse(**kwargs: Any) -> None:
    if kwargs.get("intermediary_ids") or kwargs.get("new_intermediaries"):
        raise ValidationError({"intermediary_ids": [_("No register of these is kept here.")]})


NO_MENTIONS = Mentions(
    visible=_nothing_named,
    for_api=_nothing_named,
    prefetch=_unchanged,
    matching=_no_matches,
    record=_refuse,
    carry=_nothing_named,
    form=lambda data, *, user, kind: None,
    form_template="",
)
"""What a communication names while no app has registered its `Mentions`: nothing."""

_registered: list[Mentions] = []


def register_mentions(mentions: Mentions) -> None:
    """Called by the app that keeps the register from its ready(); once (again: no change)."""
    if _registered and _registered[0] != mentions:
        raise ImproperlyConfigured("Only one app may register what a communication names.")
    _registered[:] = [mentions]


def mentions() -> Mentions:
    """The registered `Mentions`, or `NO_MENTIONS`."""
    return _registered[0] if _registered else NO_MENTIONS
