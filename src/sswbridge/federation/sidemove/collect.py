"""Which rows of this node belong to a side in a framework, read from the models' own fields.

Every row chosen has a *role*:

- `own`: the side's own, never shared with the other side: the framework's records the side
  originated and marked for its agency or its side, the rows that hang off them, the side's
  user accounts and what hangs off a user (tokens, second-factor devices, preferences,
  notifications, readings). `side release` removes these from this node after the move.
- `shared`: what both sides hold: the framework's records marked for both sides or public
  (communications between them, with their receipts), the framework's settings, the side's
  agencies. They go to the new node and stay here.
- `reference`: a row a chosen row points at (the other side's agency, a framework, a field).
  A user of the other side travels as a *stub*: name and username, no password, inactive.

The rules, by model:

1. node-local models (`registry.py`) never move;
2. `accounts.agency`: the side's agencies (shared); `accounts.user`: the side's users (own);
3. a model with `framework`, `originator_side` and `marking` (every framework-scoped record):
   rows of the framework originated by the side (own when marked agency/side) or marked
   both/public or held by both sides by the app's own rule (`registry.shared`: a sent
   communication) (shared); the other side's unshared rows never move;
4. another model with a `framework` foreign key: the framework's rows (shared);
5. any other model: its rows that hang off a chosen row (by a key to a record, or to a user
   when it has no such key), own when that row is own; a row with a `user` (a notification,
   token, device, reading) moves only for the side's own users, and is then own.

A foreign key to a row not chosen is followed as a reference, unless that row is a record of
rules 3 or 5 (the other side's unshared record): a nullable key is then emptied in the
archive, and a row that cannot do without it is left out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q

from sswbridge.accounts.models import Agency, User
from sswbridge.audit.models import AuditEntry
from sswbridge.core.models import Marking
from sswbridge.federation.sidemove import registry
from sswbridge.frameworks.models import Framework, Side

OWN, SHARED, REFERENCE = "own", "shared", "reference"
UNSHARED = (Marking.AGENCY, Marking.SIDE)


def label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _names(model: type[models.Model]) -> set[str]:
    return {f.name for f in model._meta.concrete_fields}


def is_scoped(model: type[models.Model]) -> bool:
    return {"framework", "originator_side", "marking"} <= _names(model)


def has_framework(model: type[models.Model]) -> bool:
    try:
        target = model._meta.get_field("framework").related_model
    except Exception:
        return False
    return target is Framework


def foreign_keys(model: type[models.Model]) -> list[models.ForeignKey[Any, Any]]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.ForeignKey) and f.related_model is not None
    ]


def movable_models() -> list[type[models.Model]]:
    return [
        m
        for m in apps.get_models()
        if not m._meta.proxy and m._meta.managed and not registry.is_local(label(m))
    ]


@dataclass
class Selection:
    framework: Framework
    side: Side
    rows: dict[str, dict[Any, models.Model]] = field(default_factory=lambda: defaultdict(dict))
    roles: dict[tuple[str, Any], str] = field(default_factory=dict)
    nulled: dict[tuple[str, Any], list[str]] = field(default_factory=lambda: defaultdict(list))
    left_out: list[tuple[str, Any]] = field(default_factory=list)

    def add(self, obj: models.Model, role: str) -> bool:
        key = (label(type(obj)), obj.pk)
        if key in self.roles:
            if role == OWN and self.roles[key] == SHARED:
                self.roles[key] = OWN
            return False
        self.rows[key[0]][obj.pk] = obj
        self.roles[key] = role
        return True

    def chosen(self, model: type[models.Model], *roles: str) -> set[Any]:
        name = label(model)
        return {pk for pk in self.rows.get(name, {}) if self.roles[(name, pk)] in roles}

    def own_user_ids(self) -> set[Any]:
        return self.chosen(User, OWN)

    def counts(self) -> dict[str, dict[str, int]]:
        result: dict[str, dict[str, int]] = {}
        for (name, _pk), role in sorted(self.roles.items(), key=lambda item: item[0][0]):
            result.setdefault(name, {}).setdefault(role, 0)
            result[name][role] += 1
        return result


def _rule_rows(selection: Selection, model: type[models.Model]) -> None:
    fw, side = selection.framework, selection.side
    manager = model._base_manager
    if model is Agency:
        for obj in manager.filter(side=side):
            selection.add(obj, SHARED)
    elif model is User:
        for obj in manager.filter(agency__side=side):
            selection.add(obj, OWN)
    elif is_scoped(model):
        both = ~Q(marking__in=UNSHARED)
        extra = registry.shared_rows(label(model))
        if extra is not None:
            both |= extra
        rows = manager.filter(framework=fw)
        held = set(rows.filter(both).values_list("pk", flat=True))
        for obj in rows.filter(Q(originator_side=side) | Q(pk__in=held)):
            selection.add(obj, SHARED if obj.pk in held else OWN)
    elif has_framework(model):
        rows = manager.filter(framework=fw)
        if _user_field(model):  # a row about one user (a reading): the side's users' only
            rows = rows.filter(user__agency__side=side)
        for obj in rows:
            selection.add(obj, OWN if _user_field(model) else SHARED)


BASE = (Agency, User, Side, Framework)


def _user_field(model: type[models.Model]) -> bool:
    return any(fk.name == "user" and fk.related_model is User for fk in foreign_keys(model))


def _parent_keys(model: type[models.Model]) -> list[models.ForeignKey[Any, Any]]:
    """The keys that make a row hang off another: to a record, else to a user."""
    keys = foreign_keys(model)
    structural = [fk for fk in keys if fk.related_model not in BASE]
    return structural or [fk for fk in keys if fk.related_model is User]


def _is_child_model(model: type[models.Model]) -> bool:
    return (
        model not in BASE
        and not (is_scoped(model) or has_framework(model))
        and bool(_parent_keys(model))
    )


def _children(selection: Selection, children: list[type[models.Model]]) -> bool:
    """One pass of rule 5; True when it chose a row not chosen before."""
    grew = False
    own_users = selection.own_user_ids()
    for model in children:
        about_user = _user_field(model)
        for fk in _parent_keys(model):
            target = fk.related_model
            assert isinstance(target, type)
            parents = selection.chosen(target, OWN, SHARED)
            if not parents:
                continue
            rows = model._base_manager.filter(**{f"{fk.attname}__in": parents})
            if about_user:
                rows = rows.filter(user_id__in=own_users)
            for obj in rows:
                own = selection.roles.get((label(target), getattr(obj, fk.attname))) == OWN
                grew |= selection.add(obj, OWN if own or about_user else SHARED)
    return grew


def _references(selection: Selection, children: set[type[models.Model]]) -> bool:
    """One pass over the chosen rows' foreign keys; True when something changed."""
    changed = False
    for name, rows in list(selection.rows.items()):
        model = apps.get_model(name)
        for fk in foreign_keys(model):
            target = fk.related_model
            assert isinstance(target, type)
            for pk, obj in list(rows.items()):
                value = getattr(obj, fk.attname)
                if value is None or (label(target), value) in selection.roles:
                    continue
                if fk.name in selection.nulled.get((name, pk), []):
                    continue
                if is_scoped(target) or target in children:
                    if fk.null:
                        selection.nulled[(name, pk)].append(fk.name)
                    else:
                        del rows[pk]
                        del selection.roles[(name, pk)]
                        selection.left_out.append((name, pk))
                    changed = True
                    continue
                selection.add(target._base_manager.get(pk=value), REFERENCE)
                changed = True
    return changed


def m2m_targets(selection: Selection, obj: models.Model) -> dict[str, list[Any]]:
    """The many-to-many values that travel: chosen rows, or references that may be."""
    result: dict[str, list[Any]] = {}
    for m2m in obj._meta.many_to_many:
        target = m2m.related_model
        assert isinstance(target, type)
        values = []
        for pk in getattr(obj, m2m.name).values_list("pk", flat=True):
            if (label(target), pk) in selection.roles:
                values.append(pk)
            elif not is_scoped(target) and not _is_child_model(target):
                selection.add(target._base_manager.get(pk=pk), REFERENCE)
                values.append(pk)
        result[m2m.name] = values
    return result


def select(framework: Framework, side: Side) -> Selection:
    selection = Selection(framework, side)
    models_ = movable_models()
    for model in models_:
        _rule_rows(selection, model)
    children = [m for m in models_ if _is_child_model(m)]
    while _children(selection, children):
        pass
    while _references(selection, set(children)):
        pass
    return selection


def audit_entries(selection: Selection) -> list[AuditEntry]:
    """The entries about the rows that move (own or shared) and the entries of the side's
    users' acts, in chain order."""
    about: dict[str, set[str]] = defaultdict(set)
    for (name, pk), role in selection.roles.items():
        if role != REFERENCE:
            about[name].add(str(pk))
    chosen: dict[int, AuditEntry] = {}
    for entry in AuditEntry.objects.filter(object_type__in=list(about)).order_by("seq"):
        if entry.object_id in about[entry.object_type]:
            chosen[entry.seq] = entry
    users = [pk for pk in selection.own_user_ids()]
    for entry in AuditEntry.objects.filter(actor_id__in=users, side_code=selection.side.code):
        chosen[entry.seq] = entry
    return [chosen[seq] for seq in sorted(chosen)]
