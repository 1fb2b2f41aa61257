"""jp-kg data of every kind that has a page (the isolation tests and the authorization matrix)."""

from __future__ import annotations

from typing import Any

from sswbridge.accounts.models import ApiToken, Role
from tests.helpers import factories, records
from tests.helpers.isolation import world_disclosure, world_lifecycle, world_screening


def build_world(jp_kg: Any) -> dict[str, Any]:
    """jp-kg data of every kind that has a page (the matrix in tests/test_authz uses it too)."""
    kg_user = factories.make_user("kg-ceca", Role.CONTACT_POINT)
    _raw_key, token_fields = ApiToken.generate()
    data: dict[str, Any] = {
        "intermediary": factories.make_intermediary(
            jp_kg, names=[("Secret Broker KG", "Latn", "en")]
        ),
        "organization": factories.make_sending_organization(jp_kg, name_en="Secret Sender KG"),
        "kg_token": ApiToken.objects.create(user=kg_user, **token_fields),
        "audit": records.make_audit_entry(kg_user, jp_kg),
        "communication": factories.make_communication(
            jp_kg, kind="inquiry", subject="Secret Notice KG", marking="both"
        ),
    }
    data.update(_exchange_world(data["communication"]))
    data.update(_cases_world(data["communication"]))
    data.update(_support_world(jp_kg, data["kg_token"]))
    data.update(_registers_world(data["organization"], data["communication"]))
    data.update(world_lifecycle.world(jp_kg))
    data.update(world_disclosure.world(jp_kg))
    data.update(world_screening.world(jp_kg))
    return data


def _registers_world(organization: Any, communication: Any) -> dict[str, Any]:
    """A jp-kg criterion, improvement order, publication waiting on the Kyrgyz portal, and
    investigation (rows; the services are tested in tests/test_registry)."""
    from sswbridge.sending.models import ExaminationCriterion

    framework = organization.framework
    isa = factories.make_user("isa", Role.REGISTRAR)
    order = records.make_improvement_order(
        framework, recorded_by=isa, organization_name="Secret Order KG"
    )
    return {
        "criterion": ExaminationCriterion.objects.create(
            framework=framework, code="secret", text="Secret Criterion KG"
        ),
        "order": order,
        "publication": records.make_publication(order, portal="kg"),
        "investigation": records.make_investigation(organization, communication),
    }


def _support_world(framework: Any, token: Any) -> dict[str, Any]:
    """A jp-kg support-organization import that was never published, and its organization:
    staff of the second framework get 404, and no public page or API shows it."""
    registrar = factories.make_user("isa", Role.REGISTRAR)
    support_import = records.make_support_import(
        framework, imported_by=registrar, file_name="Secret Support KG.xlsx"
    )
    organization = records.make_support_organization(framework, name="Secret Support KG")
    return {"support_import": support_import, "support_organization": organization}


def _exchange_world(communication: Any) -> dict[str, Any]:
    """A jp-kg attachment (its row; no file is needed for a 404), a notification, and Japan's
    reading of the communication in the read log."""
    from sswbridge.exchange.models import Notification

    attachment = records.make_attachment(
        communication, name="secret", original_name="Secret Notice KG.pdf", marking="both"
    )
    reader = factories.make_user("isa", Role.CONTACT_POINT)
    notification = Notification.objects.create(
        user=reader, communication=communication, event="delivered", text="Secret Notice KG"
    )
    return {
        "attachment": attachment,
        "notification": notification,
        "read_event": records.make_read_event(reader, communication),
    }


def _cases_world(communication: Any) -> dict[str, Any]:
    """A jp-kg case marked for both sides, with a task and an evidence row (no file needed)."""
    from sswbridge.cases import services as cases
    from sswbridge.cases.models import Evidence

    actor = communication.sender_user
    case = records.make_case(communication.framework, actor=actor, title="Secret Case KG")
    task = cases.add_task(actor=actor, case=case, title="Secret Case KG task")
    evidence = Evidence.objects.create(
        case=case,
        file=f"cases/{case.pk}/secret.pdf",
        original_name="Secret Case KG.pdf",
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
        uploaded_by=actor,
    )
    return {"case": case, "task": task, "evidence": evidence}
