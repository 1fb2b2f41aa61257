"""Every route classified: PAGES (name → kind, URL arguments from the world) and OPERATIONS
((METHOD, path) → kind, path parameters from the world). A route missing here fails the
isolation tests."""

from __future__ import annotations

from typing import Any

from tests.helpers.isolation import (
    world_disclosure,
    world_federation,
    world_lifecycle,
    world_merges,
    world_screening,
    world_webhooks,
)


def _kyrgyz_closure() -> int:
    """A one-off closure of the Kyrgyz side (its administrator removes it)."""
    import datetime as dt

    from sswbridge.frameworks.models import Side, SideClosure

    closure = SideClosure.objects.create(
        side=Side.objects.get(code="KG"),
        name="Matrix",
        first_day=dt.date(2030, 1, 1),
        last_day=dt.date(2030, 1, 1),
    )
    return closure.pk


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
    "accounts:welcome": ("public", lambda w: {"uidb64": "MQ", "token": "1-forged"}),
    "accounts:logout": ("post", None),
    "accounts:tokens": ("list", None),
    "accounts:preferences": ("list", None),
    "frameworks:side_calendar": ("object", lambda w: {"code": "KG"}),
    "accounts:token_revoke": ("object", lambda w: {"pk": w["kg_token"].pk}),
    "workqueue:home": ("list", None),
    "frameworks:list": ("list", None),
    "frameworks:detail": ("object", lambda w: {"code": "jp-kg"}),
    "frameworks:field_list": ("global", None),
    "frameworks:field_create": ("global", None),
    "frameworks:field_edit": ("global", lambda w: {"code": "construction"}),
    "intermediaries:intermediary_list": ("list", None),
    "intermediaries:intermediary_detail": ("object", lambda w: {"pk": w["intermediary"].pk}),
    "intermediaries:intermediary_create": ("list", None),
    "intermediaries:intermediary_edit": ("object", lambda w: {"pk": w["intermediary"].pk}),
    "intermediaries:intermediary_add_name": ("object", lambda w: {"pk": w["intermediary"].pk}),
    "intermediaries:intermediary_add_identifier": (
        "object",
        lambda w: {"pk": w["intermediary"].pk},
    ),
    "intermediaries:intermediary_link_person": ("object", lambda w: {"pk": w["intermediary"].pk}),
    "intermediaries:duplicate_list": ("list", None),
    "intermediaries:intermediary_merge": (
        "object",
        lambda w: {"pk": w["intermediary"].pk, "source_pk": w["intermediary"].pk},
    ),
    "intermediaries:intermediary_not_duplicate": (
        "object",
        lambda w: {"pk": w["intermediary"].pk, "other_pk": w["intermediary"].pk},
    ),
    "intermediaries:merge_detail": ("object", lambda w: {"pk": world_merges.merge(w).pk}),
    "intermediaries:merge_undo": ("object", lambda w: {"pk": world_merges.merge(w).pk}),
    "sending:sending_organization_list": ("list", None),
    "sending:sending_organization_detail": ("object", lambda w: {"pk": w["organization"].pk}),
    "sending:sending_organization_create": ("list", None),
    "sending:sending_organization_edit": ("object", lambda w: {"pk": w["organization"].pk}),
    "sending:sending_organization_examine": ("object", lambda w: {"pk": w["organization"].pk}),
    "sending:sending_organization_decide": ("object", lambda w: {"pk": w["organization"].pk}),
    "sending:sending_organization_status": ("object", lambda w: {"pk": w["organization"].pk}),
    "sending:criterion_list": ("object", lambda w: {"code": "jp-kg"}),
    "sending:criterion_create": ("object", lambda w: {"code": "jp-kg"}),
    "sending:criterion_edit": ("object", lambda w: {"pk": w["criterion"].pk}),
    "publication:settings": ("object", lambda w: {"code": "jp-kg"}),
    "publication:queue": ("list", None),
    "publication:publish": ("post", lambda w: {"pk": w["publication"].pk}),
    "orders:improvement_order_list": ("list", None),
    "orders:improvement_order_create": ("list", None),
    "orders:improvement_order_detail": ("object", lambda w: {"pk": w["order"].pk}),
    "orders:improvement_order_outcome": ("object", lambda w: {"pk": w["order"].pk}),
    "sending:investigation_list": ("list", None),
    "sending:investigation_open": ("object", lambda w: {"notice_pk": w["communication"].pk}),
    "sending:investigation_detail": ("object", lambda w: {"pk": w["investigation"].pk}),
    "sending:investigation_action_add": ("post", lambda w: {"pk": w["investigation"].pk}),
    "sending:investigation_report": ("object", lambda w: {"pk": w["investigation"].pk}),
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
    "federation:envelopes": ("post", None),
    "federation:resend": ("post", None),
    "federation:batches": ("post", None),
    "federation:checkpoint": ("post", None),
    "federation:peers": ("list", None),
    "federation:peer_add": ("post", None),
    "federation:key_revoke": ("post", lambda w: {"pk": world_federation.peer_key(w).pk}),
    **world_webhooks.PAGES,
    **world_lifecycle.PAGES,
    **world_disclosure.PAGES,
    **world_screening.PAGES,
}


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
    ("PATCH", "/api/v1/accounts/me"): ("self", None),
    ("GET", "/api/v1/frameworks/sides/{code}/calendar"): ("object", lambda w: {"code": "KG"}),
    ("PATCH", "/api/v1/frameworks/sides/{code}/calendar"): ("object", lambda w: {"code": "KG"}),
    ("POST", "/api/v1/frameworks/sides/{code}/closures"): ("object", lambda w: {"code": "KG"}),
    ("DELETE", "/api/v1/frameworks/sides/{code}/closures/{closure_id}"): (
        "object",
        lambda w: {"code": "KG", "closure_id": _kyrgyz_closure()},
    ),
    ("GET", "/api/v1/accounts/tokens"): ("list", None),
    ("POST", "/api/v1/accounts/tokens"): ("self", None),
    ("POST", "/api/v1/accounts/tokens/{token_id}/revoke"): (
        "object",
        lambda w: {"token_id": w["kg_token"].pk},
    ),
    ("GET", "/api/v1/audit/entries"): ("list", None),
    ("GET", "/api/v1/events"): ("list", None),
    ("GET", "/api/v1/audit/entries/{seq}"): ("object", lambda w: {"seq": w["audit"].seq}),
    ("GET", "/api/v1/audit/verify"): ("global", None),
    ("GET", "/api/v1/retention/periods"): ("list", None),
    ("PUT", "/api/v1/retention/periods"): ("global", None),
    ("GET", "/api/v1/retention/erasures"): ("list", None),
    ("GET", "/api/v1/frameworks"): ("list", None),
    ("GET", "/api/v1/frameworks/fields"): ("global", None),
    ("POST", "/api/v1/frameworks/fields"): ("global", None),
    ("GET", "/api/v1/frameworks/fields/{code}"): ("global", None),
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
    ("GET", "/api/v1/registry/criteria/{criterion_id}"): (
        "object",
        lambda w: {"criterion_id": w["criterion"].pk},
    ),
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
    ("GET", "/api/v1/exchange/frameworks/{code}/answer-periods/{kind}"): (
        "object",
        lambda w: {"code": "jp-kg", "kind": "inquiry"},
    ),
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
    **world_webhooks.OPERATIONS,
}
