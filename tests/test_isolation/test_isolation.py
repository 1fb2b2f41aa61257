"""Every route is classified here (PAGES, OPERATIONS: the single list of routes and how to
build their URLs from the world), and no public page or list of another framework shows
jp-kg's data. Who gets 200, 403, 404 or the sign-in page on every route is the
authorization matrix, tests/test_authz/test_matrix.py, which builds this world once."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sswbridge.accounts.models import ApiToken, Role
from sswbridge.audit.models import AuditEntry
from sswbridge.audit.services import record
from tests import factories
from tests.test_isolation import (
    world_disclosure,
    world_lifecycle,
    world_merges,
    world_screening,
)
from tests.test_isolation.routes import iter_operations, iter_patterns

pytestmark = pytest.mark.django_db

ALL_ROLES = [r.value for r in Role]


@pytest.fixture
def world(jp_kg, jp_uz) -> dict[str, Any]:
    return build_world(jp_kg)


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
        "audit": record(actor=kg_user, action="other", object_type="test", framework=jp_kg),
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
    from sswbridge.registry.models import (
        ExaminationCriterion,
        ImprovementOrder,
        Investigation,
        Publication,
    )

    framework = organization.framework
    isa = factories.make_user("isa", Role.REGISTRAR)
    order = ImprovementOrder.objects.create(
        framework=framework,
        originator_side=isa.agency.side,
        originator_agency=isa.agency,
        marking="public",
        order_date="2026-03-02",
        organization_name="Secret Order KG",
        address="Tokyo",
        representative="Yamada",
        legal_basis="Article 19-21",
        measures="Pay the wages",
        recorded_by=isa,
    )
    investigation = Investigation.objects.create(
        framework=framework,
        originator_side=organization.originator_side,
        originator_agency=organization.originator_agency,
        marking="both",
        organization=organization,
        notice=communication,
        opened_by=communication.sender_user,
    )
    return {
        "criterion": ExaminationCriterion.objects.create(
            framework=framework, code="secret", text="Secret Criterion KG"
        ),
        "order": order,
        "publication": Publication.objects.create(
            framework=framework, portal="kg", register="improvement_orders", improvement_order=order
        ),
        "investigation": investigation,
    }


def _support_world(framework: Any, token: Any) -> dict[str, Any]:
    """A jp-kg support-organization import that was never published, and its organization:
    staff of the second framework get 404, and no public page or API shows it."""
    from sswbridge.support.models import SupportImport, SupportOrganization

    registrar = factories.make_user("isa", Role.REGISTRAR)
    agency = registrar.agency
    scoped = {"framework": framework, "originator_side": agency.side, "originator_agency": agency}
    support_import = SupportImport.objects.create(
        **scoped, imported_by=registrar, file_name="Secret Support KG.xlsx", file_sha256="0" * 64
    )
    organization = SupportOrganization.objects.create(
        **scoped,
        marking="public",
        registration_number="19登-424242",
        name="Secret Support KG",
        name_key="secretsupportkg",
        content_hash="0" * 64,
    )
    return {"support_import": support_import, "support_organization": organization}


def _exchange_world(communication: Any) -> dict[str, Any]:
    """A jp-kg attachment (its row; no file is needed for a 404) and a notification."""
    from sswbridge.exchange.models import Attachment, Notification

    attachment = Attachment.objects.create(
        framework=communication.framework,
        originator_side=communication.originator_side,
        originator_agency=communication.originator_agency,
        marking="both",
        communication=communication,
        file=f"exchange/{communication.pk}/secret",
        original_name="Secret Notice KG.pdf",
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
        uploaded_by=communication.sender_user,
    )
    notification = Notification.objects.create(
        user=factories.make_user("isa", Role.CONTACT_POINT),
        communication=communication,
        event="delivered",
        text="Secret Notice KG",
    )
    return {"attachment": attachment, "notification": notification}


def _cases_world(communication: Any) -> dict[str, Any]:
    """A jp-kg case marked for both sides, with a task and an evidence row (no file needed)."""
    from sswbridge.cases import services as cases
    from sswbridge.cases.models import Evidence

    actor = communication.sender_user
    case = cases.open_case(
        actor=actor,
        framework=communication.framework,
        title="Secret Case KG",
        subject_type="other",
        marking="both",
    )
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


# name → (kind, kwargs builder). kinds: public, signin, list, object, global, post
PAGES: dict[str, tuple[str, Any]] = {
    "publication:landing": ("public", None),
    "set_language": ("public", None),
    "javascript-catalog": ("public", None),
    "publication:portals": ("public", None),
    "publication:portal": ("public", lambda w: {"country": "kg"}),
    "publication:search": ("public", lambda w: {"country": "kg"}),
    "publication:verify": ("public", lambda w: {"country": "kg"}),
    "publication:support_organizations": ("public", lambda w: {"country": "kg"}),
    "publication:support_organization": (
        "public",
        lambda w: {"country": "kg", "number": w["support_organization"].registration_number},
    ),
    "support:organization_list": ("list", None),
    "support:import_list": ("list", None),
    "support:import_detail": ("object", lambda w: {"pk": w["support_import"].pk}),
    "accounts:login": ("signin", None),
    "accounts:otp": ("signin", None),
    "accounts:enrol": ("signin", None),
    "accounts:recovery_codes": ("signin", None),
    "accounts:logout": ("post", None),
    "accounts:tokens": ("list", None),
    "accounts:token_revoke": ("object", lambda w: {"pk": w["kg_token"].pk}),
    "core:home": ("list", None),
    "frameworks:list": ("list", None),
    "frameworks:detail": ("object", lambda w: {"code": "jp-kg"}),
    "frameworks:field_list": ("global", None),
    "frameworks:field_create": ("global", None),
    "frameworks:field_edit": ("global", lambda w: {"code": "construction"}),
    "registry:intermediary_list": ("list", None),
    "registry:intermediary_detail": ("object", lambda w: {"pk": w["intermediary"].pk}),
    "registry:intermediary_create": ("list", None),
    "registry:intermediary_edit": ("object", lambda w: {"pk": w["intermediary"].pk}),
    "registry:intermediary_add_name": ("object", lambda w: {"pk": w["intermediary"].pk}),
    "registry:intermediary_add_identifier": ("object", lambda w: {"pk": w["intermediary"].pk}),
    "registry:intermediary_link_person": ("object", lambda w: {"pk": w["intermediary"].pk}),
    "registry:duplicate_list": ("list", None),
    "registry:intermediary_merge": (
        "object",
        lambda w: {"pk": w["intermediary"].pk, "source_pk": w["intermediary"].pk},
    ),
    "registry:intermediary_not_duplicate": (
        "object",
        lambda w: {"pk": w["intermediary"].pk, "other_pk": w["intermediary"].pk},
    ),
    "registry:merge_detail": ("object", lambda w: {"pk": world_merges.merge(w).pk}),
    "registry:merge_undo": ("object", lambda w: {"pk": world_merges.merge(w).pk}),
    "registry:sending_organization_list": ("list", None),
    "registry:sending_organization_detail": ("object", lambda w: {"pk": w["organization"].pk}),
    "registry:sending_organization_create": ("list", None),
    "registry:sending_organization_edit": ("object", lambda w: {"pk": w["organization"].pk}),
    "registry:sending_organization_examine": ("object", lambda w: {"pk": w["organization"].pk}),
    "registry:sending_organization_decide": ("object", lambda w: {"pk": w["organization"].pk}),
    "registry:sending_organization_status": ("object", lambda w: {"pk": w["organization"].pk}),
    "registry:criterion_list": ("object", lambda w: {"code": "jp-kg"}),
    "registry:criterion_create": ("object", lambda w: {"code": "jp-kg"}),
    "registry:criterion_edit": ("object", lambda w: {"pk": w["criterion"].pk}),
    "registry:publication_settings": ("object", lambda w: {"code": "jp-kg"}),
    "registry:publication_queue": ("list", None),
    "registry:publication_publish": ("post", lambda w: {"pk": w["publication"].pk}),
    "registry:improvement_order_list": ("list", None),
    "registry:improvement_order_create": ("list", None),
    "registry:improvement_order_detail": ("object", lambda w: {"pk": w["order"].pk}),
    "registry:improvement_order_outcome": ("object", lambda w: {"pk": w["order"].pk}),
    "registry:investigation_list": ("list", None),
    "registry:investigation_open": ("object", lambda w: {"notice_pk": w["communication"].pk}),
    "registry:investigation_detail": ("object", lambda w: {"pk": w["investigation"].pk}),
    "registry:investigation_action_add": ("post", lambda w: {"pk": w["investigation"].pk}),
    "registry:investigation_report": ("object", lambda w: {"pk": w["investigation"].pk}),
    "publication:sending_organizations": ("public", lambda w: {"country": "kg"}),
    "publication:sending_organization": (
        "public",
        lambda w: {"country": "kg", "pk": w["organization"].pk},
    ),
    "publication:improvement_orders": ("public", lambda w: {"country": "kg"}),
    "publication:improvement_order": ("public", lambda w: {"country": "kg", "pk": w["order"].pk}),
    "exchange:inbox": ("list", None),
    "exchange:outbox": ("list", None),
    "exchange:compose": ("list", None),
    "exchange:detail": ("object", lambda w: {"pk": w["communication"].pk}),
    "exchange:answer": ("object", lambda w: {"pk": w["communication"].pk}),
    "exchange:correct": ("object", lambda w: {"pk": w["communication"].pk}),
    "exchange:acknowledge": ("post", lambda w: {"pk": w["communication"].pk}),
    "exchange:send": ("post", lambda w: {"pk": w["communication"].pk}),
    "exchange:attach": ("post", lambda w: {"pk": w["communication"].pk}),
    "exchange:download": ("object", lambda w: {"pk": w["attachment"].pk}),
    "exchange:retract": ("object", lambda w: {"pk": w["communication"].pk}),
    "exchange:release_request": ("post", lambda w: {"pk": w["communication"].pk}),
    "exchange:release_decide": (
        "post",
        lambda w: {"pk": w["communication"].pk, "request_pk": 1},
    ),
    "readlog:list": ("list", None),
    "exchange:notifications": ("list", None),
    "exchange:notifications_read": ("post", None),
    "exchange:notification_read": ("post", lambda w: {"pk": w["notification"].pk}),
    "exchange:preferences": ("list", None),
    "exchange:metrics": ("list", None),
    "exchange:answer_periods": ("object", lambda w: {"code": "jp-kg"}),
    "cases:list": ("list", None),
    "cases:create": ("list", None),
    "cases:link": ("post", None),
    "cases:detail": ("object", lambda w: {"pk": w["case"].pk}),
    "cases:status": ("post", lambda w: {"pk": w["case"].pk}),
    "cases:close": ("post", lambda w: {"pk": w["case"].pk}),
    "cases:reopen": ("post", lambda w: {"pk": w["case"].pk}),
    "cases:task_add": ("post", lambda w: {"pk": w["case"].pk}),
    "cases:task_finish": ("post", lambda w: {"pk": w["case"].pk, "task_pk": w["task"].pk}),
    "cases:note_add": ("post", lambda w: {"pk": w["case"].pk}),
    "cases:evidence_add": ("post", lambda w: {"pk": w["case"].pk}),
    "cases:evidence_download": (
        "object",
        lambda w: {"pk": w["case"].pk, "evidence_pk": w["evidence"].pk},
    ),
    "audit:list": ("list", None),
    "audit:detail": ("object", lambda w: {"seq": w["audit"].seq}),
    "audit:verify": ("global", None),
    "retention:policies": ("list", None),
    **world_lifecycle.PAGES,
    **world_disclosure.PAGES,
    **world_screening.PAGES,
}

SECRETS = (
    "Secret Broker KG",
    "Secret Sender KG",
    "Secret Notice KG",
    "Secret Case KG",
    "Secret Support KG",
    "Secret Order KG",
    "Secret Criterion KG",
    *world_lifecycle.SECRETS,
    *world_disclosure.SECRETS,
    *world_screening.SECRETS,
)


def _url(name: str, world: dict[str, Any]) -> str:
    builder = PAGES[name][1]
    return reverse(name, kwargs=builder(world) if builder else None)


def _leaks(body: str, *, also: str = "") -> list[str]:
    return [secret for secret in (*SECRETS, also) if secret and secret in body]


def test_public_pages_show_nothing_unpublished(world):
    """Content: no public page shows a secret of the world (one world for every page)."""
    found = []
    for name in sorted(n for n, (k, b) in PAGES.items() if k == "public" and b is not None):
        response = Client().get(_url(name, world), {"q": "Secret"})
        if response.status_code not in (200, 404):
            found.append(f"{name}: {response.status_code}")
        found += [f"{name}: {leak}" for leak in _leaks(response.content.decode())]
    assert found == []


def test_every_page_is_classified():
    names = {name for name, _route in iter_patterns()}
    assert names - set(PAGES) == set(), "classify these pages in PAGES"
    assert set(PAGES) - names == set(), "these PAGES entries no longer exist"


def test_second_framework_user_sees_nothing_of_the_first_in_lists(world):
    """Content: the lists of a user of another framework, of every role, hold nothing of
    jp-kg. (Who gets 404, 403 or a sign-in page for each route is the authorization matrix,
    tests/test_authz.)"""
    found = []
    lists = sorted(n for n, (k, _) in PAGES.items() if k == "list")
    for role in ALL_ROLES:
        client = factories.verified_client(factories.make_user("uz-agency", role))
        for name in lists:
            response = client.get(_url(name, world))
            if response.status_code not in (200, 403):
                found.append(f"{name} ({role}): {response.status_code}")
            found += [
                f"{name} ({role}): {x}" for x in _leaks(response.content.decode(), also="jp-kg")
            ]
    assert found == []


def _bearer(user) -> dict[str, str]:
    raw, fields = ApiToken.generate()
    ApiToken.objects.create(user=user, **fields)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


# (METHOD, path) → kind: list | object | global | self | public (no token; published data)
OPERATIONS: dict[tuple[str, str], tuple[str, Any]] = {
    ("GET", "/api/v1/public/portals"): ("public", None),
    ("GET", "/api/v1/public/{country}/support-organizations"): (
        "public",
        lambda w: {"country": "kg"},
    ),
    ("GET", "/api/v1/public/{country}/support-organizations/{number}"): (
        "public",
        lambda w: {"country": "kg", "number": w["support_organization"].registration_number},
    ),
    ("GET", "/api/v1/public/{country}/sending-organizations"): (
        "public",
        lambda w: {"country": "kg"},
    ),
    ("GET", "/api/v1/public/{country}/sending-organizations/{organization_id}"): (
        "public",
        lambda w: {"country": "kg", "organization_id": w["organization"].pk},
    ),
    ("GET", "/api/v1/public/{country}/improvement-orders"): (
        "public",
        lambda w: {"country": "kg"},
    ),
    ("GET", "/api/v1/public/{country}/improvement-orders/{order_id}"): (
        "public",
        lambda w: {"country": "kg", "order_id": w["organization"].pk},
    ),
    ("GET", "/api/v1/public/{country}/verify"): ("public", lambda w: {"country": "kg"}),
    ("GET", "/api/v1/support/organizations"): ("list", None),
    ("GET", "/api/v1/support/imports"): ("list", None),
    ("GET", "/api/v1/support/imports/{import_id}"): (
        "object",
        lambda w: {"import_id": w["support_import"].pk},
    ),
    ("POST", "/api/v1/support/imports"): ("self", None),
    ("GET", "/api/v1/accounts/me"): ("self", None),
    ("GET", "/api/v1/accounts/tokens"): ("list", None),
    ("POST", "/api/v1/accounts/tokens"): ("self", None),
    ("POST", "/api/v1/accounts/tokens/{token_id}/revoke"): (
        "object",
        lambda w: {"token_id": w["kg_token"].pk},
    ),
    ("GET", "/api/v1/audit/entries"): ("list", None),
    ("GET", "/api/v1/audit/entries/{seq}"): ("object", lambda w: {"seq": w["audit"].seq}),
    ("GET", "/api/v1/audit/verify"): ("global", None),
    ("GET", "/api/v1/retention/periods"): ("list", None),
    ("PUT", "/api/v1/retention/periods"): ("global", None),
    ("GET", "/api/v1/retention/erasures"): ("list", None),
    ("GET", "/api/v1/frameworks"): ("list", None),
    ("GET", "/api/v1/frameworks/fields"): ("global", None),
    ("POST", "/api/v1/frameworks/fields"): ("global", None),
    ("PATCH", "/api/v1/frameworks/fields/{code}"): ("global", None),
    ("GET", "/api/v1/frameworks/{code}"): ("object", lambda w: {"code": "jp-kg"}),
    ("GET", "/api/v1/registry/intermediaries"): ("list", None),
    ("GET", "/api/v1/registry/intermediaries/{intermediary_id}"): (
        "object",
        lambda w: {"intermediary_id": w["intermediary"].pk},
    ),
    ("POST", "/api/v1/registry/intermediaries"): ("self", None),
    ("GET", "/api/v1/registry/intermediaries/{intermediary_id}/communications"): (
        "object",
        lambda w: {"intermediary_id": w["intermediary"].pk},
    ),
    ("GET", "/api/v1/registry/intermediaries/{intermediary_id}/cases"): (
        "object",
        lambda w: {"intermediary_id": w["intermediary"].pk},
    ),
    # These need a body; their 404 for a user of another framework is tested with valid
    # bodies in tests/test_registry/test_api.py.
    ("PATCH", "/api/v1/registry/intermediaries/{intermediary_id}"): ("object_body", None),
    ("POST", "/api/v1/registry/intermediaries/{intermediary_id}/names"): ("object_body", None),
    ("POST", "/api/v1/registry/intermediaries/{intermediary_id}/identifiers"): (
        "object_body",
        None,
    ),
    ("POST", "/api/v1/registry/intermediaries/{intermediary_id}/links"): ("object_body", None),
    ("GET", "/api/v1/registry/duplicates"): ("list", None),
    ("GET", "/api/v1/registry/merges"): ("list", None),
    ("GET", "/api/v1/registry/merges/{merge_id}"): (
        "object",
        lambda w: {"merge_id": world_merges.merge(w).pk},
    ),
    # These need a body; their 404 for another framework is tested with valid bodies in
    # tests/test_registry/test_merges_api.py.
    ("POST", "/api/v1/registry/duplicates/dismiss"): ("object_body", None),
    ("POST", "/api/v1/registry/merges"): ("object_body", None),
    ("POST", "/api/v1/registry/merges/{merge_id}/undo"): ("object_body", None),
    ("GET", "/api/v1/registry/sending-organizations"): ("list", None),
    ("GET", "/api/v1/registry/sending-organizations/{organization_id}"): (
        "object",
        lambda w: {"organization_id": w["organization"].pk},
    ),
    ("POST", "/api/v1/registry/sending-organizations"): ("self", None),
    ("GET", "/api/v1/registry/sending-organizations/{organization_id}/examination"): (
        "object",
        lambda w: {"organization_id": w["organization"].pk},
    ),
    ("GET", "/api/v1/registry/frameworks/{code}/criteria"): ("object", lambda w: {"code": "jp-kg"}),
    ("GET", "/api/v1/registry/frameworks/{code}/publication-settings"): (
        "object",
        lambda w: {"code": "jp-kg"},
    ),
    ("GET", "/api/v1/registry/improvement-orders"): ("list", None),
    ("POST", "/api/v1/registry/improvement-orders"): ("self", None),
    ("GET", "/api/v1/registry/improvement-orders/{order_id}"): (
        "object",
        lambda w: {"order_id": w["order"].pk},
    ),
    ("GET", "/api/v1/registry/publications"): ("list", None),
    ("POST", "/api/v1/registry/publications/{publication_id}/publish"): (
        "object",
        lambda w: {"publication_id": w["publication"].pk},
    ),
    ("GET", "/api/v1/registry/investigations"): ("list", None),
    ("POST", "/api/v1/registry/investigations"): ("self", None),
    ("GET", "/api/v1/registry/investigations/{investigation_id}"): (
        "object",
        lambda w: {"investigation_id": w["investigation"].pk},
    ),
    # These need a body; their 404 for a user of another framework is tested with valid
    # bodies in tests/test_registry/test_registers_api.py.
    ("PATCH", "/api/v1/registry/sending-organizations/{organization_id}"): ("object_body", None),
    ("POST", "/api/v1/registry/sending-organizations/{organization_id}/examination"): (
        "object_body",
        None,
    ),
    ("POST", "/api/v1/registry/sending-organizations/{organization_id}/decision"): (
        "object_body",
        None,
    ),
    ("POST", "/api/v1/registry/sending-organizations/{organization_id}/status"): (
        "object_body",
        None,
    ),
    ("POST", "/api/v1/registry/frameworks/{code}/criteria"): ("object_body", None),
    ("PUT", "/api/v1/registry/criteria/{criterion_id}"): ("object_body", None),
    ("PUT", "/api/v1/registry/frameworks/{code}/publication-settings"): ("object_body", None),
    ("POST", "/api/v1/registry/improvement-orders/{order_id}/outcome"): ("object_body", None),
    ("POST", "/api/v1/registry/investigations/{investigation_id}/actions"): ("object_body", None),
    ("POST", "/api/v1/registry/investigations/{investigation_id}/report"): ("object_body", None),
    ("GET", "/api/v1/exchange/kinds"): ("global", None),
    ("GET", "/api/v1/exchange/inbox"): ("list", None),
    ("GET", "/api/v1/exchange/outbox"): ("list", None),
    ("POST", "/api/v1/exchange/communications"): ("self", None),
    ("GET", "/api/v1/exchange/communications/{communication_id}"): (
        "object",
        lambda w: {"communication_id": w["communication"].pk},
    ),
    ("POST", "/api/v1/exchange/communications/{communication_id}/send"): (
        "object",
        lambda w: {"communication_id": w["communication"].pk},
    ),
    ("POST", "/api/v1/exchange/communications/{communication_id}/acknowledge"): (
        "object",
        lambda w: {"communication_id": w["communication"].pk},
    ),
    # These need a body, so an empty request is refused (422) before the lookup; their 404
    # for a user of another framework is tested with valid bodies in tests/test_exchange.
    ("POST", "/api/v1/exchange/communications/{communication_id}/answer"): ("object_body", None),
    ("GET", "/api/v1/exchange/communications/{communication_id}/attachments"): (
        "object",
        lambda w: {"communication_id": w["communication"].pk},
    ),
    ("POST", "/api/v1/exchange/communications/{communication_id}/attachments"): (
        "object",
        lambda w: {"communication_id": w["communication"].pk},
    ),
    ("GET", "/api/v1/exchange/attachments/{attachment_id}/download"): (
        "object",
        lambda w: {"attachment_id": w["attachment"].pk},
    ),
    ("GET", "/api/v1/exchange/notifications"): ("list", None),
    ("POST", "/api/v1/exchange/notifications/read"): ("self", None),
    ("POST", "/api/v1/exchange/notifications/{notification_id}/read"): (
        "object",
        lambda w: {"notification_id": w["notification"].pk},
    ),
    ("GET", "/api/v1/exchange/notification-preferences"): ("self", None),
    ("PUT", "/api/v1/exchange/notification-preferences"): ("self", None),
    ("GET", "/api/v1/exchange/frameworks/{code}/answer-periods"): (
        "object",
        lambda w: {"code": "jp-kg"},
    ),
    # Needs a body; its 404 for another framework is tested in tests/test_exchange.
    ("PUT", "/api/v1/exchange/frameworks/{code}/answer-periods/{kind}"): ("object_body", None),
    ("GET", "/api/v1/exchange/metrics"): ("list", None),
    ("POST", "/api/v1/exchange/communications/{communication_id}/correct"): ("object_body", None),
    # Retraction and requests for withheld content: their 404 for another framework (with
    # valid bodies) is tested in tests/test_exchange/test_confidentiality_isolation.py.
    ("POST", "/api/v1/exchange/communications/{communication_id}/retract"): ("object_body", None),
    ("GET", "/api/v1/exchange/communications/{communication_id}/release-requests"): (
        "object",
        lambda w: {"communication_id": w["communication"].pk},
    ),
    ("POST", "/api/v1/exchange/communications/{communication_id}/release-requests"): (
        "object_body",
        None,
    ),
    (
        "POST",
        "/api/v1/exchange/communications/{communication_id}/release-requests/{request_id}/decide",
    ): ("object_body", None),
    ("GET", "/api/v1/reads"): ("list", None),
    ("GET", "/api/v1/cases"): ("list", None),
    ("POST", "/api/v1/cases"): ("self", None),
    ("GET", "/api/v1/cases/{case_id}"): ("object", lambda w: {"case_id": w["case"].pk}),
    ("GET", "/api/v1/cases/{case_id}/timeline"): ("object", lambda w: {"case_id": w["case"].pk}),
    ("POST", "/api/v1/cases/{case_id}/reopen"): ("object", lambda w: {"case_id": w["case"].pk}),
    ("POST", "/api/v1/cases/{case_id}/tasks/{task_id}/complete"): (
        "object",
        lambda w: {"case_id": w["case"].pk, "task_id": w["task"].pk},
    ),
    ("POST", "/api/v1/cases/{case_id}/tasks/{task_id}/cancel"): (
        "object",
        lambda w: {"case_id": w["case"].pk, "task_id": w["task"].pk},
    ),
    ("GET", "/api/v1/cases/{case_id}/evidence/{evidence_id}"): (
        "object",
        lambda w: {"case_id": w["case"].pk, "evidence_id": w["evidence"].pk},
    ),
    # These need a body; their 404 for another framework is tested in tests/test_cases.
    ("POST", "/api/v1/cases/{case_id}/status"): ("object_body", None),
    ("POST", "/api/v1/cases/{case_id}/close"): ("object_body", None),
    ("POST", "/api/v1/cases/{case_id}/tasks"): ("object_body", None),
    ("POST", "/api/v1/cases/{case_id}/notes"): ("object_body", None),
    ("POST", "/api/v1/cases/{case_id}/evidence"): ("object_body", None),
    ("POST", "/api/v1/cases/{case_id}/communications"): ("object_body", None),
    **world_lifecycle.OPERATIONS,
    **world_disclosure.OPERATIONS,
    **world_screening.OPERATIONS,
}


def _path(key: tuple[str, str], world: dict[str, Any]) -> str:
    path = key[1]
    builder = OPERATIONS[key][1]
    values = builder(world) if builder else {}
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), "x")), path)


def test_every_api_operation_is_classified():
    ops = set(iter_operations())
    assert ops - set(OPERATIONS) == set(), "classify these operations in OPERATIONS"
    assert set(OPERATIONS) - ops == set(), "these OPERATIONS entries no longer exist"


def test_public_api_serves_nothing_unpublished_without_a_token(world):
    found = []
    for key in sorted(k for k, (kind, _) in OPERATIONS.items() if kind == "public"):
        response = Client().get(_path(key, world), {"q": "Secret Support KG"})
        if response.status_code not in (200, 404):
            found.append(f"{key}: {response.status_code}")
        body = response.content.decode().replace('"query": "Secret Support KG"', "")
        found += [f"{key}: {leak}" for leak in _leaks(body)]
    assert found == []


def test_second_framework_api_lists_hold_nothing_of_the_first(world):
    found = []
    lists = sorted(k for k, (kind, _) in OPERATIONS.items() if kind == "list")
    for role in ALL_ROLES:
        headers = _bearer(factories.make_user("uz-agency", role))
        for key in lists:
            response = Client().generic(key[0], _path(key, world), **headers)
            if response.status_code not in (200, 403):
                found.append(f"{key} ({role}): {response.status_code}")
            found += [
                f"{key} ({role}): {x}" for x in _leaks(response.content.decode(), also="jp-kg")
            ]
    assert found == []


def test_first_framework_user_does_see_its_objects(world):
    """The other side of the permission: the same URLs answer for a jp-kg user."""
    user = factories.make_user("kg-ceca", Role.OFFICER)
    client = factories.verified_client(user)
    for name in ("registry:intermediary_detail", "registry:sending_organization_detail"):
        assert client.get(_url(name, world)).status_code == 200
    headers = _bearer(user)
    key = ("GET", "/api/v1/registry/intermediaries/{intermediary_id}")
    assert Client().get(_path(key, world), **headers).status_code == 200
    assert AuditEntry.objects.filter(framework_code="jp-kg").exists()
