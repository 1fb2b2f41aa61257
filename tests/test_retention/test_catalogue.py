"""The catalogue of personal data matches the models, and the audit trail records personal
fields only as a marker."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import connection

from sswbridge.accounts.models import Role
from sswbridge.audit import personal
from sswbridge.audit.models import AuditEntry
from sswbridge.retention.catalogue import AUDIT_MASKED, KINDS
from sswbridge.sending.services import organizations as sending_services
from tests.helpers import factories


def test_every_model_marked_personal_is_in_the_catalogue():
    marked = {m._meta.label_lower for m in apps.get_models() if getattr(m, "personal_data", False)}
    assert marked
    assert marked <= set(AUDIT_MASKED)


def test_every_catalogued_field_exists():
    for object_type, names in AUDIT_MASKED.items():
        model = apps.get_model(object_type)
        assert set(names) <= {f.attname for f in model._meta.concrete_fields}
    for kind in KINDS.values():
        for part in kind.parts:
            model = apps.get_model(part.model)
            fields = {name.split(".")[0] for name in part.fields}
            assert fields <= {f.attname for f in model._meta.concrete_fields}


def test_mask_keeps_that_a_field_changed_but_not_its_value():
    changes = {"name": [None, "Aibek"], "employer": ["A K.K.", "B K.K."], "status": [1, 2]}
    masked = personal.mask("suspensions.affectedperson", changes)
    assert masked == {
        "name": [None, personal.MARKER],
        "employer": [personal.MARKER, personal.MARKER],
        "status": [1, 2],
    }
    assert personal.mask("intermediaries.intermediary", changes) == changes


@pytest.mark.django_db
def test_representatives_of_an_application_never_reach_the_audit_table(jp_kg):
    registrar = factories.make_user("kg-ceca", Role.REGISTRAR)
    org = sending_services.apply(
        actor=registrar,
        framework=jp_kg,
        name_en="Ala-Too Recruiting LLC",
        registration_number="REG-777",
        representatives="Bakyt Ismailov\nGulnara Osmonova",
        email="bakyt@ala-too.example",
    )
    entry = AuditEntry.objects.get(object_type="sending.sendingorganization", object_id=org.pk)
    assert entry.changes["representatives"] == [None, personal.MARKER]
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM audit_auditentry")
        rows = repr(cursor.fetchall())
    assert "Bakyt" not in rows and "Gulnara" not in rows and "ala-too.example" not in rows
    assert "Ala-Too Recruiting LLC" in rows  # the organization's own name is not personal


def test_every_kind_of_the_catalogue_has_the_eraser_its_app_registered():
    from sswbridge.retention.catalogue import RetentionKind
    from sswbridge.retention.erasers import ERASERS

    assert set(ERASERS) == set(RetentionKind.values)
    for kind, (finder, eraser) in ERASERS.items():
        # The owner of the records erases them; retention only runs the catalogue.
        assert not finder.__module__.startswith("sswbridge.retention"), kind
        assert eraser.__module__ == finder.__module__, kind


def test_an_eraser_for_a_kind_outside_the_catalogue_is_refused():
    from sswbridge.retention import erasers

    with pytest.raises(ValueError):
        erasers.register("not_a_kind", lambda before: iter(()), lambda obj: {})
