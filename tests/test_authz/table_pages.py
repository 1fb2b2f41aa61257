"""The authorization matrix of the HTML pages: one rule per URL name (see `rules.py`).

Origins in the world (`tests/test_isolation`): the intermediary, the sending organization,
the communication and its attachment, the case, the investigation, the audit entry, the
merge, the screening hit and the publication waiting on the Kyrgyz portal are the Kyrgyz
side's (`kg`); the consultation, the memorandum text, amendment and review, the suspension
with its person and return request, the improvement order and the support import are
Japan's (`jp`); the termination notice is the Kyrgyz side's.

POST-only pages are posted with an empty form. Most of them answer a refusal of the service
with a message on the record's page (a redirect), as they answer an invalid form, so their
HTML rule can only say who reaches the record (404) and who is turned away at the door
(403); what the action itself allows is the rule of the same service in `table_api.py`,
which calls it with a body that reaches it. Those rules say `note=ACTION`.
"""

from __future__ import annotations

from typing import Any

from tests.test_authz.rules import AUDIT_READERS, Rule

ACTION = "refusals of the service come back as a message on the page; see the API rule"
# Role groups of the services (cases/exchange/registry WRITER_ROLES etc.).
EDITORS = ("contact_point@*", "officer@*", "registrar@*")
EDITORS_ORIGIN = ("contact_point@origin", "officer@origin", "registrar@origin")
CP_OFFICERS = ("contact_point@*", "officer@*")
PARTNER_REGISTRARS = ("registrar@kg", "registrar@uz")


def _other_pair(w: dict[str, Any]) -> dict[str, Any]:
    """Two different Kyrgyz intermediaries (the isolation table names one twice: 404)."""
    return {"pk": w["intermediary"].pk, "source_pk": w["person_intermediary"].pk}


PAGE_RULES: dict[str, Rule] = {
    # Signing in, the public side, the language.
    "accounts:login": Rule("signin"),
    "accounts:otp": Rule("signin"),
    "accounts:enrol": Rule("signin"),
    "accounts:welcome": Rule(
        "public", note="a one-time link: a forged one is refused with a message"
    ),
    "accounts:logout": Rule("public", note="signing out is harmless for anyone"),
    "set_language": Rule("public"),
    "javascript-catalog": Rule("public"),
    "publication:landing": Rule("public"),
    "publication:portals": Rule("public"),
    "publication:portal": Rule("public"),
    "publication:search": Rule("public"),
    "publication:verify": Rule("public"),
    "publication:support_organizations": Rule("public"),
    "publication:sending_organizations": Rule("public"),
    "publication:improvement_orders": Rule("public"),
    "publication:support_organization": Rule("unpublished"),
    "publication:sending_organization": Rule("unpublished"),
    "publication:improvement_order": Rule("unpublished"),
    # One's own account.
    "accounts:recovery_codes": Rule("staff"),
    "accounts:tokens": Rule("staff"),
    "accounts:preferences": Rule("staff"),
    "accounts:token_revoke": Rule("owner", owner="contact_point@kg", method="POST"),
    "workqueue:home": Rule("staff"),
    # The audit trail: auditors and administrators, each of their own side.
    "audit:list": Rule("staff", may=AUDIT_READERS),
    "audit:verify": Rule("staff", may=AUDIT_READERS),
    "audit:detail": Rule(("auditor@origin", "administrator@origin"), origin="kg"),
    "retention:policies": Rule("staff", may=AUDIT_READERS),
    "federation:envelopes": Rule(
        "public", method="POST", note="signed by a peer's node key; unsigned: 400, changes nothing"
    ),
    "federation:resend": Rule(
        "public", method="POST", note="signed by a peer's node key; unsigned: 400, changes nothing"
    ),
    "federation:batches": Rule(
        "public", method="POST", note="signed by a peer's node key; unsigned: 400, changes nothing"
    ),
    "federation:checkpoint": Rule(
        "public", method="POST", note="signed by a peer's node key; unsigned: 400, reveals nothing"
    ),
    "federation:peers": Rule("staff", may=("administrator@*",)),
    "federation:peer_add": Rule("staff", may=("administrator@*",), method="POST"),
    "federation:key_revoke": Rule("both", may=("administrator@*",), method="POST"),
    # Webhooks: the administrators of the endpoint's own agency (the Kyrgyz contact point's).
    "webhooks:endpoints": Rule("staff", may=("administrator@*",)),
    "webhooks:endpoint_add": Rule("staff", may=("administrator@*",), method="POST"),
    "webhooks:endpoint": Rule("kg", may=("administrator@kg",)),
    "webhooks:endpoint_deactivate": Rule("kg", may=("administrator@kg",), method="POST"),
    # Frameworks and reference data.
    "frameworks:list": Rule("staff"),
    "frameworks:detail": Rule("both"),
    "frameworks:field_list": Rule("staff"),
    "frameworks:side_calendar": Rule("both", note="only the side's administrators change it"),
    "frameworks:field_create": Rule("staff", may=("registrar@jp", "administrator@jp")),
    "frameworks:field_edit": Rule("staff", may=("registrar@jp", "administrator@jp")),
    "lifecycle:framework": Rule("both"),
    "lifecycle:text": Rule("both", origin="jp"),
    "lifecycle:amendment": Rule("both", origin="jp"),
    "lifecycle:amendment_consent": Rule("both", origin="jp", note=ACTION),
    "lifecycle:amendment_propose": Rule("both", note=ACTION),
    "lifecycle:review_add": Rule("both", note=ACTION),
    "lifecycle:review_outcome": Rule("both", origin="jp", note=ACTION),
    "lifecycle:text_record": Rule("both", note=ACTION),
    "lifecycle:notice_give": Rule("both", note=ACTION),
    "lifecycle:notice_withdraw": Rule("both", origin="kg", note=ACTION),
    "lifecycle:notice_withdraw_consent": Rule("both", origin="kg", note=ACTION),
    # The exchange (the communication: Kyrgyz side → Japan, marked both).
    "exchange:inbox": Rule("staff"),
    "exchange:outbox": Rule("staff"),
    "exchange:compose": Rule("staff", may=EDITORS),
    "exchange:detail": Rule("both", origin="kg"),
    "exchange:download": Rule("both", origin="kg"),
    "exchange:answer": Rule(
        ("contact_point@other", "officer@other", "registrar@other"),
        origin="kg",
        note="only the recipient side's senders find it among what they may answer",
    ),
    "exchange:correct": Rule(
        ("contact_point@origin", "officer@origin", "registrar@origin"),
        origin="kg",
        note="only the originating side's senders find it among what they may correct",
    ),
    "exchange:acknowledge": Rule("both", origin="kg", note=ACTION),
    "exchange:send": Rule("both", origin="kg", note=ACTION),
    "exchange:attach": Rule("both", origin="kg", note=ACTION),
    "exchange:notifications": Rule("staff"),
    "exchange:notifications_read": Rule("staff"),
    "exchange:notification_read": Rule(
        "staff", note="marks the user's own notification; another's is left as it is"
    ),
    "exchange:preferences": Rule("staff"),
    "exchange:metrics": Rule("staff"),
    "exchange:answer_periods": Rule("both"),
    # Cases (a Kyrgyz case marked both).
    "cases:list": Rule("staff"),
    "cases:create": Rule("staff", may=EDITORS),
    "cases:detail": Rule("both", origin="kg"),
    "cases:evidence_download": Rule("both", origin="kg"),
    "cases:status": Rule("both", may=EDITORS, origin="kg", note=ACTION),
    "cases:close": Rule("both", may=EDITORS, origin="kg", note=ACTION),
    "cases:note_add": Rule("both", may=EDITORS, origin="kg", note=ACTION),
    "cases:task_add": Rule("both", may=EDITORS, origin="kg", note=ACTION),
    "cases:evidence_add": Rule("both", may=EDITORS, origin="kg", note=ACTION),
    "cases:reopen": Rule("both", may=("contact_point@origin",), origin="kg"),
    "cases:task_finish": Rule("both", may=EDITORS_ORIGIN, origin="kg"),
    "cases:link": Rule("none", note="posted without a communication: nothing to link (404)"),
    # Consultations (Japan's, marked both).
    "consultations:list": Rule("staff"),
    "consultations:create": Rule("staff", may=CP_OFFICERS),
    "consultations:detail": Rule("both", origin="jp"),
    "consultations:ics": Rule("both", may=("*@origin",), origin="jp", export=True),
    "consultations:status": Rule("both", origin="jp", note=ACTION),
    "consultations:participant_add": Rule("both", origin="jp", note=ACTION),
    "consultations:agenda_add": Rule("both", origin="jp", note=ACTION),
    "consultations:outcome": Rule("both", origin="jp", note=ACTION),
    "consultations:minutes_draft": Rule("both", origin="jp", note=ACTION),
    "consultations:minutes_approve": Rule("both", origin="jp", note=ACTION),
    "consultations:action_add": Rule("both", origin="jp", note=ACTION),
    "consultations:action_update": Rule("both", origin="jp", note=ACTION),
    # Suspensions (Japan's).
    "suspensions:list": Rule("staff"),
    "suspensions:returns": Rule("staff"),
    "suspensions:create": Rule("staff", may=("contact_point@jp", "officer@jp")),
    "suspensions:detail": Rule("both", origin="jp"),
    "suspensions:person": Rule("both", origin="jp"),
    "suspensions:return_detail": Rule("both", origin="jp"),
    "suspensions:lift": Rule("both", origin="jp", note=ACTION),
    "suspensions:person_add": Rule("both", origin="jp", note=ACTION),
    "suspensions:person_update": Rule("both", origin="jp", note=ACTION),
    "suspensions:dependant_add": Rule("both", origin="jp", note=ACTION),
    "suspensions:return_request": Rule("both", origin="jp", note=ACTION),
    "suspensions:return_advance": Rule("both", origin="jp", note=ACTION),
    "suspensions:person_upload": Rule(
        "both", may=("contact_point@origin", "officer@origin"), origin="jp"
    ),
    "suspensions:person_template": Rule("staff"),
    "suspensions:travel_request": Rule("both", origin="jp", note=ACTION),
    "suspensions:travel_advance": Rule("both", origin="kg", note=ACTION),
    # Registers: intermediaries (Kyrgyz, marked both).
    "intermediaries:intermediary_list": Rule("staff"),
    "intermediaries:intermediary_create": Rule("staff", may=EDITORS),
    "intermediaries:intermediary_detail": Rule("both", origin="kg"),
    "intermediaries:intermediary_edit": Rule("both", may=EDITORS_ORIGIN, origin="kg"),
    "intermediaries:intermediary_add_name": Rule("both", may=EDITORS_ORIGIN, origin="kg"),
    "intermediaries:intermediary_add_identifier": Rule("both", may=EDITORS_ORIGIN, origin="kg"),
    "intermediaries:intermediary_link_person": Rule("both", may=EDITORS_ORIGIN, origin="kg"),
    "intermediaries:duplicate_list": Rule("staff"),
    "intermediaries:intermediary_merge": Rule(
        "both",
        may=("contact_point@origin", "registrar@origin"),
        origin="kg",
        kwargs=_other_pair,
    ),
    "intermediaries:intermediary_not_duplicate": Rule(
        "both",
        may=("contact_point@*", "registrar@*"),
        origin="kg",
        kwargs=lambda w: {"pk": w["intermediary"].pk, "other_pk": w["person_intermediary"].pk},
    ),
    "intermediaries:merge_detail": Rule("both", origin="kg"),
    "intermediaries:merge_undo": Rule(
        "both", may=("contact_point@origin", "registrar@origin"), origin="kg"
    ),
    # Sending organizations (the Kyrgyz register) and the checklist.
    "sending:sending_organization_list": Rule("staff"),
    "sending:sending_organization_create": Rule("staff", may=PARTNER_REGISTRARS),
    "sending:sending_organization_detail": Rule("both", origin="kg"),
    "sending:sending_organization_edit": Rule("both", may=("registrar@origin",), origin="kg"),
    "sending:sending_organization_examine": Rule("both", may=("registrar@origin",), origin="kg"),
    "sending:sending_organization_decide": Rule("both", may=("registrar@origin",), origin="kg"),
    "sending:sending_organization_status": Rule("both", may=("registrar@origin",), origin="kg"),
    "sending:criterion_list": Rule("both", origin="kg"),
    "sending:criterion_create": Rule(
        "both", may=("registrar@origin", "administrator@origin"), origin="kg"
    ),
    "sending:criterion_edit": Rule(
        "both", may=("registrar@origin", "administrator@origin"), origin="kg"
    ),
    # Improvement orders (Japan's), publication, investigations (Kyrgyz).
    "orders:improvement_order_list": Rule("staff"),
    "orders:improvement_order_create": Rule("staff", may=("registrar@jp",)),
    "orders:improvement_order_detail": Rule("both", origin="jp"),
    "orders:improvement_order_outcome": Rule("both", may=("registrar@origin",), origin="jp"),
    "publication:queue": Rule("staff"),
    "publication:settings": Rule("both"),
    "publication:publish": Rule("kg", note="a publication on the Kyrgyz portal; " + ACTION),
    "sending:investigation_list": Rule("staff"),
    "sending:investigation_open": Rule(
        "none", note="the world's notice is an inquiry, not an improper-activity notice"
    ),
    "sending:investigation_detail": Rule("both", origin="kg"),
    "sending:investigation_action_add": Rule("both", origin="kg", note=ACTION),
    "sending:investigation_report": Rule("both", may=EDITORS_ORIGIN, origin="kg"),
    # Confidentiality (clause 3). The disclosure request is Japan's (its officer asks to pass
    # the Kyrgyz side's communication to a court), granted by the Kyrgyz contact point, with
    # one export package made by the Japanese agency.
    "disclosure:list": Rule("staff"),
    "disclosure:ledger": Rule("staff"),
    "disclosure:new": Rule("staff", may=CP_OFFICERS),
    "disclosure:detail": Rule("both", origin="jp"),
    "disclosure:consent_pdf": Rule(
        "both", origin="jp", note="the written consent itself: a record of both parties to it"
    ),
    "disclosure:package": Rule(
        "both", may=("*@origin",), origin="jp", export=True, note="the requesting agency only"
    ),
    "disclosure:grant": Rule("both", origin="jp", note=ACTION),
    "disclosure:refuse": Rule("both", origin="jp", note=ACTION),
    "disclosure:export": Rule("both", origin="jp", note=ACTION),
    "exchange:retract": Rule(
        EDITORS_ORIGIN,
        origin="kg",
        note="only the originating agency's senders find it among what they may retract",
    ),
    "exchange:release_request": Rule("both", origin="kg", note=ACTION),
    "exchange:release_decide": Rule(
        "both",
        origin="kg",
        note=ACTION,
        kwargs=lambda w: {"pk": w["communication"].pk, "request_pk": w["release_request"].pk},
    ),
    "readlog:list": Rule("staff"),
    # Registered support organizations (Japan's import).
    "support:organization_list": Rule("staff"),
    "support:import_list": Rule("staff"),
    "support:import_detail": Rule("both", origin="jp"),
    # Screening (a Kyrgyz hit marked both; a batch of the Kyrgyz officer).
    "screening:screen": Rule("staff"),
    "screening:decisions": Rule("staff"),
    "screening:decide": Rule("both", origin="kg", note=ACTION),
    "screening:batch_list": Rule("staff"),
    "screening:batch_detail": Rule("owner", owner="officer@kg"),
    "screening:batch_results": Rule("owner", owner="officer@kg"),
}
