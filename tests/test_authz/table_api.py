"""The authorization matrix of the JSON API: one rule per (METHOD, path) (see `rules.py`).

Origins are those of `table_pages.py`. Mutating operations are called with a body that
passes schema validation (`calls.placeholder_body` / `calls.BODIES`), so the handler's
lookup and the service's permission check answer; an allowed user may still get 400 or 409
for the placeholder content or the record's state, which counts as allowed.
"""

from __future__ import annotations

from tests.test_authz.rules import AUDIT_READERS, Rule
from tests.test_authz.table_pages import CP_OFFICERS, EDITORS, EDITORS_ORIGIN, PARTNER_REGISTRARS

A = "/api/v1"
C, L, S, R, X = (
    f"{A}/consultations",
    f"{A}/lifecycle",
    f"{A}/suspensions",
    f"{A}/registry",
    f"{A}/exchange",
)
CP_OFFICERS_ORIGIN = ("contact_point@origin", "officer@origin")
CONTACT_POINTS = ("contact_point@*",)

API_RULES: dict[tuple[str, str], Rule] = {
    # Public: published data only, no token.
    ("GET", f"{A}/public/portals"): Rule("public"),
    ("GET", f"{A}/public/{{country}}/support-organizations"): Rule("public"),
    ("GET", f"{A}/public/{{country}}/sending-organizations"): Rule("public"),
    ("GET", f"{A}/public/{{country}}/improvement-orders"): Rule("public"),
    ("GET", f"{A}/public/{{country}}/verify"): Rule("public", query="?q=Secret"),
    ("GET", f"{A}/public/{{country}}/support-organizations/{{number}}"): Rule("unpublished"),
    ("GET", f"{A}/public/{{country}}/sending-organizations/{{organization_id}}"): Rule(
        "unpublished"
    ),
    ("GET", f"{A}/public/{{country}}/improvement-orders/{{order_id}}"): Rule("unpublished"),
    # One's own account.
    ("GET", f"{A}/accounts/me"): Rule("staff"),
    ("PATCH", f"{A}/accounts/me"): Rule("staff"),
    ("GET", f"{A}/accounts/tokens"): Rule("staff"),
    ("POST", f"{A}/accounts/tokens"): Rule("staff"),
    ("POST", f"{A}/accounts/tokens/{{token_id}}/revoke"): Rule("owner", owner="contact_point@kg"),
    # Audit trail and retention: auditors and administrators of their own side.
    ("GET", f"{A}/audit/entries"): Rule("staff", may=AUDIT_READERS),
    # The event feed: every signed-in user, each seeing the records they may read.
    ("GET", f"{A}/events"): Rule("staff"),
    # Webhooks: the administrators of the endpoint's own agency (the Kyrgyz contact point's).
    ("GET", f"{A}/webhooks/endpoints"): Rule("staff", may=("administrator@*",)),
    ("POST", f"{A}/webhooks/endpoints"): Rule("staff", may=("administrator@*",)),
    ("GET", f"{A}/webhooks/endpoints/{{endpoint_id}}"): Rule("kg", may=("administrator@kg",)),
    ("GET", f"{A}/webhooks/endpoints/{{endpoint_id}}/deliveries"): Rule(
        "kg", may=("administrator@kg",)
    ),
    ("POST", f"{A}/webhooks/endpoints/{{endpoint_id}}/deactivate"): Rule(
        "kg", may=("administrator@kg",)
    ),
    ("GET", f"{A}/audit/verify"): Rule("staff", may=AUDIT_READERS),
    ("GET", f"{A}/audit/entries/{{seq}}"): Rule(
        ("auditor@origin", "administrator@origin"), origin="kg"
    ),
    ("GET", f"{A}/retention/periods"): Rule("staff", may=AUDIT_READERS),
    ("GET", f"{A}/retention/erasures"): Rule("staff", may=AUDIT_READERS),
    ("PUT", f"{A}/retention/periods"): Rule(
        "staff",
        may=("administrator@jp",),
        note="the default period of every framework: Japan's administrators (Japan runs the "
        "system); auditors read and change nothing",
    ),
    # Frameworks and reference data (SSW fields are Japan's).
    ("GET", f"{A}/frameworks"): Rule("staff"),
    # A side's calendar: seen with its frameworks, changed by the side's administrators.
    ("GET", f"{A}/frameworks/sides/{{code}}/calendar"): Rule("both"),
    ("PATCH", f"{A}/frameworks/sides/{{code}}/calendar"): Rule("both", may=("administrator@kg",)),
    ("POST", f"{A}/frameworks/sides/{{code}}/closures"): Rule("both", may=("administrator@kg",)),
    ("DELETE", f"{A}/frameworks/sides/{{code}}/closures/{{closure_id}}"): Rule(
        "both", may=("administrator@kg",)
    ),
    ("GET", f"{A}/frameworks/{{code}}"): Rule("both"),
    ("GET", f"{A}/frameworks/fields"): Rule("staff"),
    ("POST", f"{A}/frameworks/fields"): Rule("staff", may=("registrar@jp", "administrator@jp")),
    ("GET", f"{A}/frameworks/fields/{{code}}"): Rule(
        "staff", kwargs=lambda w: {"code": "construction"}
    ),
    ("PATCH", f"{A}/frameworks/fields/{{code}}"): Rule(
        "staff", may=("registrar@jp", "administrator@jp"), kwargs=lambda w: {"code": "construction"}
    ),
    # Lifecycle: formal acts by contact points; reviews by contact points and officers.
    ("GET", f"{L}/frameworks/{{code}}"): Rule("both"),
    ("GET", f"{L}/texts/{{text_id}}"): Rule("both", origin="jp"),
    ("GET", f"{L}/amendments/{{amendment_id}}"): Rule("both", origin="jp"),
    ("POST", f"{L}/frameworks/{{code}}/reviews"): Rule("both", may=CP_OFFICERS),
    ("POST", f"{L}/reviews/{{review_id}}/outcome"): Rule("both", may=CP_OFFICERS, origin="jp"),
    ("POST", f"{L}/frameworks/{{code}}/texts"): Rule("both", may=CONTACT_POINTS),
    ("POST", f"{L}/frameworks/{{code}}/amendments"): Rule("both", may=CONTACT_POINTS),
    ("POST", f"{L}/amendments/{{amendment_id}}/consent"): Rule(
        "both", may=CONTACT_POINTS, origin="jp", note="each side's contact point consents"
    ),
    ("POST", f"{L}/frameworks/{{code}}/termination-notices"): Rule("both", may=CONTACT_POINTS),
    ("POST", f"{L}/termination-notices/{{notice_id}}/withdrawal-request"): Rule(
        "both", may=("contact_point@origin",), origin="kg", note="the notifying side asks"
    ),
    ("POST", f"{L}/termination-notices/{{notice_id}}/withdrawal-consent"): Rule(
        "both", may=("contact_point@other",), origin="kg", note="the other side consents"
    ),
    # Consultations (Japan's, marked both): either side's contact points and officers.
    ("GET", C): Rule("staff"),
    ("POST", C): Rule("both", may=CP_OFFICERS, note="a jp-uz user names jp-kg: 404"),
    ("GET", f"{C}/action-items"): Rule("staff"),
    ("GET", f"{C}/{{consultation_id}}"): Rule("both", origin="jp"),
    ("GET", f"{C}/{{consultation_id}}/calendar.ics"): Rule(
        "both", may=("*@origin",), origin="jp", export=True
    ),
    ("POST", f"{C}/{{consultation_id}}/status"): Rule("both", may=CP_OFFICERS, origin="jp"),
    ("POST", f"{C}/{{consultation_id}}/participants"): Rule("both", may=CP_OFFICERS, origin="jp"),
    ("POST", f"{C}/{{consultation_id}}/agenda"): Rule("both", may=CP_OFFICERS, origin="jp"),
    ("POST", f"{C}/{{consultation_id}}/agenda/{{item_id}}/outcome"): Rule(
        "both", may=CP_OFFICERS, origin="jp"
    ),
    ("POST", f"{C}/{{consultation_id}}/minutes"): Rule(
        "both", may=CP_OFFICERS_ORIGIN, origin="jp", note="the side that drafted first drafts"
    ),
    ("POST", f"{C}/{{consultation_id}}/minutes/{{version_id}}/approve"): Rule(
        "both", may=CONTACT_POINTS, origin="jp"
    ),
    ("POST", f"{C}/{{consultation_id}}/action-items"): Rule("both", may=CP_OFFICERS, origin="jp"),
    ("GET", f"{C}/{{consultation_id}}/action-items/{{action_id}}"): Rule("both", origin="jp"),
    ("PATCH", f"{C}/{{consultation_id}}/action-items/{{action_id}}"): Rule(
        "both",
        may=("contact_point@kg", "officer@kg"),
        origin="jp",
        note="the owning side (the world's item is owned by the Kyrgyz agency) reports",
    ),
    # Suspensions (Japan's): Japan records; the partner advances return requests.
    ("GET", S): Rule("staff"),
    ("POST", S): Rule("both", may=("contact_point@jp", "officer@jp")),
    ("GET", f"{S}/return-requests"): Rule("staff"),
    ("GET", f"{S}/return-requests/{{request_id}}"): Rule("both", origin="jp"),
    ("POST", f"{S}/return-requests/{{request_id}}/progress"): Rule(
        "both", may=("contact_point@other", "officer@other"), origin="jp"
    ),
    ("GET", f"{S}/persons/{{person_id}}"): Rule("both", origin="jp"),
    ("PATCH", f"{S}/persons/{{person_id}}"): Rule("both", may=CP_OFFICERS_ORIGIN, origin="jp"),
    ("POST", f"{S}/persons/{{person_id}}/dependants"): Rule(
        "both", may=CP_OFFICERS_ORIGIN, origin="jp"
    ),
    ("POST", f"{S}/persons/{{person_id}}/return-requests"): Rule(
        "both", may=CP_OFFICERS_ORIGIN, origin="jp"
    ),
    # Travel documents: the partner's embassy (its officers and contact points) keeps them.
    ("GET", f"{S}/persons/{{person_id}}/travel-documents"): Rule("both", origin="jp"),
    ("POST", f"{S}/persons/{{person_id}}/travel-documents"): Rule(
        "both", may=("contact_point@other", "officer@other"), origin="jp"
    ),
    ("POST", f"{S}/travel-documents/{{document_id}}/progress"): Rule(
        "both", may=CP_OFFICERS_ORIGIN, origin="kg"
    ),
    ("POST", f"{S}/{{suspension_id}}/persons/upload"): Rule(
        "both", may=CP_OFFICERS_ORIGIN, origin="jp"
    ),
    ("GET", f"{S}/{{suspension_id}}"): Rule("both", origin="jp"),
    ("POST", f"{S}/{{suspension_id}}/lift"): Rule("both", may=CP_OFFICERS_ORIGIN, origin="jp"),
    ("POST", f"{S}/{{suspension_id}}/persons"): Rule("both", may=CP_OFFICERS_ORIGIN, origin="jp"),
    # Support organizations (Japan's registrars import).
    ("GET", f"{A}/support/organizations"): Rule("staff"),
    ("GET", f"{A}/support/imports"): Rule("staff"),
    ("GET", f"{A}/support/imports/{{import_id}}"): Rule("both", origin="jp"),
    ("POST", f"{A}/support/imports"): Rule("both", may=("registrar@jp",)),
    # Intermediaries (Kyrgyz, marked both): the originating side's editors change them.
    ("GET", f"{R}/intermediaries"): Rule("staff"),
    ("POST", f"{R}/intermediaries"): Rule("both", may=EDITORS),
    ("GET", f"{R}/intermediaries/{{intermediary_id}}"): Rule("both", origin="kg"),
    ("GET", f"{R}/intermediaries/{{intermediary_id}}/communications"): Rule("both", origin="kg"),
    ("GET", f"{R}/intermediaries/{{intermediary_id}}/cases"): Rule("both", origin="kg"),
    ("PATCH", f"{R}/intermediaries/{{intermediary_id}}"): Rule(
        "both", may=EDITORS_ORIGIN, origin="kg"
    ),
    ("POST", f"{R}/intermediaries/{{intermediary_id}}/names"): Rule(
        "both", may=EDITORS_ORIGIN, origin="kg"
    ),
    ("POST", f"{R}/intermediaries/{{intermediary_id}}/identifiers"): Rule(
        "both", may=EDITORS_ORIGIN, origin="kg"
    ),
    ("POST", f"{R}/intermediaries/{{intermediary_id}}/links"): Rule(
        "both", may=EDITORS_ORIGIN, origin="kg"
    ),
    ("GET", f"{R}/duplicates"): Rule("staff"),
    ("POST", f"{R}/duplicates/dismiss"): Rule(
        "both", may=("contact_point@*", "registrar@*"), note="either side's own duplicate list"
    ),
    ("GET", f"{R}/merges"): Rule("staff"),
    ("POST", f"{R}/merges"): Rule(
        "both", may=("contact_point@origin", "registrar@origin"), origin="kg"
    ),
    ("GET", f"{R}/merges/{{merge_id}}"): Rule("both", origin="kg"),
    ("POST", f"{R}/merges/{{merge_id}}/undo"): Rule(
        "both", may=("contact_point@origin", "registrar@origin"), origin="kg"
    ),
    # Sending organizations and the checklist (the partner's registrars).
    ("GET", f"{R}/sending-organizations"): Rule("staff"),
    ("POST", f"{R}/sending-organizations"): Rule("both", may=PARTNER_REGISTRARS),
    ("GET", f"{R}/sending-organizations/{{organization_id}}"): Rule("both", origin="kg"),
    ("PATCH", f"{R}/sending-organizations/{{organization_id}}"): Rule(
        "both", may=("registrar@origin",), origin="kg"
    ),
    ("GET", f"{R}/sending-organizations/{{organization_id}}/examination"): Rule(
        "origin", origin="kg", note="examination results are read only by the partner side"
    ),
    ("POST", f"{R}/sending-organizations/{{organization_id}}/examination"): Rule(
        "both", may=("registrar@origin",), origin="kg"
    ),
    ("POST", f"{R}/sending-organizations/{{organization_id}}/decision"): Rule(
        "both", may=("registrar@origin",), origin="kg"
    ),
    ("POST", f"{R}/sending-organizations/{{organization_id}}/status"): Rule(
        "both", may=("registrar@origin",), origin="kg"
    ),
    ("GET", f"{R}/frameworks/{{code}}/criteria"): Rule("both", origin="kg"),
    ("POST", f"{R}/frameworks/{{code}}/criteria"): Rule(
        "both", may=("registrar@kg", "administrator@kg"), origin="kg"
    ),
    ("GET", f"{R}/criteria/{{criterion_id}}"): Rule("both", origin="kg"),
    ("PUT", f"{R}/criteria/{{criterion_id}}"): Rule(
        "both", may=("registrar@origin", "administrator@origin"), origin="kg"
    ),
    ("GET", f"{R}/frameworks/{{code}}/publication-settings"): Rule("both"),
    ("PUT", f"{R}/frameworks/{{code}}/publication-settings"): Rule(
        "both", may=("registrar@*", "administrator@*"), note="each side sets its own"
    ),
    # Improvement orders (Japan's registrars), publications, investigations.
    ("GET", f"{R}/improvement-orders"): Rule("staff"),
    ("POST", f"{R}/improvement-orders"): Rule("both", may=("registrar@jp",)),
    ("GET", f"{R}/improvement-orders/{{order_id}}"): Rule("both", origin="jp"),
    ("POST", f"{R}/improvement-orders/{{order_id}}/outcome"): Rule(
        "both", may=("registrar@origin",), origin="jp"
    ),
    ("GET", f"{R}/publications"): Rule("staff"),
    ("POST", f"{R}/publications/{{publication_id}}/publish"): Rule(
        "kg", may=("registrar@kg",), note="a registrar of the portal's side confirms"
    ),
    ("GET", f"{R}/investigations"): Rule("staff"),
    ("POST", f"{R}/investigations"): Rule(
        "both", may=("contact_point@kg", "officer@kg", "registrar@kg"), note="the partner opens"
    ),
    ("GET", f"{R}/investigations/{{investigation_id}}"): Rule("both", origin="kg"),
    ("POST", f"{R}/investigations/{{investigation_id}}/actions"): Rule(
        "both", may=EDITORS_ORIGIN, origin="kg"
    ),
    ("POST", f"{R}/investigations/{{investigation_id}}/report"): Rule(
        "both",
        may=(),
        origin="kg",
        note="the report answers the notice; the world's notice is an inquiry it cannot answer",
    ),
    # The exchange (the communication: Kyrgyz side → Japan, marked both).
    ("GET", f"{X}/kinds"): Rule("staff"),
    ("GET", f"{X}/inbox"): Rule("staff"),
    ("GET", f"{X}/outbox"): Rule("staff"),
    ("POST", f"{X}/communications"): Rule("both", may=EDITORS),
    ("GET", f"{X}/communications/{{communication_id}}"): Rule("both", origin="kg"),
    ("POST", f"{X}/communications/{{communication_id}}/send"): Rule(
        "both", may=EDITORS_ORIGIN, origin="kg", note="already sent: 409 for its senders"
    ),
    ("POST", f"{X}/communications/{{communication_id}}/acknowledge"): Rule(
        "both", may=("contact_point@other",), origin="kg", note="the recipient contact point"
    ),
    ("POST", f"{X}/communications/{{communication_id}}/answer"): Rule(
        "both", may=("contact_point@other", "officer@other", "registrar@other"), origin="kg"
    ),
    ("POST", f"{X}/communications/{{communication_id}}/correct"): Rule(
        "both", may=EDITORS_ORIGIN, origin="kg"
    ),
    ("GET", f"{X}/communications/{{communication_id}}/attachments"): Rule("both", origin="kg"),
    ("POST", f"{X}/communications/{{communication_id}}/attachments"): Rule(
        "both", may=EDITORS_ORIGIN, origin="kg", note="sent already: 409 for its senders"
    ),
    ("GET", f"{X}/attachments/{{attachment_id}}/download"): Rule("both", origin="kg"),
    ("GET", f"{X}/notifications"): Rule("staff"),
    ("POST", f"{X}/notifications/read"): Rule("staff"),
    ("POST", f"{X}/notifications/{{notification_id}}/read"): Rule(
        "owner", owner="contact_point@jp"
    ),
    ("GET", f"{X}/notification-preferences"): Rule("staff"),
    ("PUT", f"{X}/notification-preferences"): Rule("staff"),
    ("GET", f"{X}/frameworks/{{code}}/answer-periods"): Rule("both"),
    ("GET", f"{X}/frameworks/{{code}}/answer-periods/{{kind}}"): Rule("both"),
    ("PUT", f"{X}/frameworks/{{code}}/answer-periods/{{kind}}"): Rule(
        "both", may=("contact_point@*", "administrator@*")
    ),
    ("GET", f"{X}/metrics"): Rule("staff"),
    # Cases (a Kyrgyz case marked both): the originating side's editors work on it.
    ("GET", f"{A}/cases"): Rule("staff"),
    ("POST", f"{A}/cases"): Rule("both", may=EDITORS),
    ("GET", f"{A}/cases/{{case_id}}"): Rule("both", origin="kg"),
    ("GET", f"{A}/cases/{{case_id}}/timeline"): Rule("both", origin="kg"),
    ("GET", f"{A}/cases/{{case_id}}/evidence/{{evidence_id}}"): Rule("both", origin="kg"),
    ("POST", f"{A}/cases/{{case_id}}/status"): Rule("both", may=EDITORS_ORIGIN, origin="kg"),
    ("POST", f"{A}/cases/{{case_id}}/close"): Rule("both", may=EDITORS_ORIGIN, origin="kg"),
    ("POST", f"{A}/cases/{{case_id}}/reopen"): Rule(
        "both", may=("contact_point@origin",), origin="kg"
    ),
    ("POST", f"{A}/cases/{{case_id}}/tasks"): Rule("both", may=EDITORS_ORIGIN, origin="kg"),
    ("POST", f"{A}/cases/{{case_id}}/tasks/{{task_id}}/complete"): Rule(
        "both", may=EDITORS_ORIGIN, origin="kg"
    ),
    ("POST", f"{A}/cases/{{case_id}}/tasks/{{task_id}}/cancel"): Rule(
        "both", may=EDITORS_ORIGIN, origin="kg"
    ),
    ("POST", f"{A}/cases/{{case_id}}/notes"): Rule("both", may=EDITORS_ORIGIN, origin="kg"),
    ("POST", f"{A}/cases/{{case_id}}/evidence"): Rule("both", may=EDITORS_ORIGIN, origin="kg"),
    ("POST", f"{A}/cases/{{case_id}}/communications"): Rule(
        "both", may=EDITORS_ORIGIN, origin="kg"
    ),
    # Confidentiality (clause 3): see table_pages.py for the world's disclosure request.
    ("GET", f"{A}/disclosure/requests"): Rule("staff"),
    ("POST", f"{A}/disclosure/requests"): Rule("staff", may=CP_OFFICERS),
    ("GET", f"{A}/disclosure/requests/{{request_id}}"): Rule(
        "both", origin="jp", kwargs=lambda w: {"request_id": w["disclosure_request"].pk}
    ),
    ("GET", f"{A}/disclosure/requests/{{request_id}}/consent.pdf"): Rule(
        "both",
        origin="jp",
        note="the written consent itself: a record of both parties to it",
        kwargs=lambda w: {"request_id": w["disclosure_request"].pk},
    ),
    ("POST", f"{A}/disclosure/requests/{{request_id}}/grant"): Rule(
        "both",
        may=("contact_point@other",),
        origin="jp",
        note="the originator of the items (the Kyrgyz side) decides; granted already: 409",
        kwargs=lambda w: {"request_id": w["disclosure_request"].pk},
    ),
    ("POST", f"{A}/disclosure/requests/{{request_id}}/refuse"): Rule(
        "both",
        may=("contact_point@other",),
        origin="jp",
        kwargs=lambda w: {"request_id": w["disclosure_request"].pk},
    ),
    ("POST", f"{A}/disclosure/requests/{{request_id}}/exports"): Rule(
        "both",
        may=("contact_point@origin", "officer@origin"),
        origin="jp",
        export=True,
        note="only under the consent, by the requesting agency",
        kwargs=lambda w: {"request_id": w["disclosure_request"].pk},
    ),
    ("GET", f"{A}/disclosure/choices/{{kind}}/{{item_id}}"): Rule(
        "jp",
        origin="kg",
        note="what of an item received from the other side may be asked for; one's own: 404",
        kwargs=lambda w: {"kind": "communication", "item_id": w["disclosure_share"].pk},
    ),
    ("GET", f"{A}/disclosure/ledger"): Rule("staff"),
    ("GET", f"{A}/disclosure/ledger/{{disclosure_id}}/package"): Rule(
        "both",
        may=("*@origin",),
        origin="jp",
        export=True,
        kwargs=lambda w: {"disclosure_id": w["disclosure"].pk},
    ),
    ("GET", f"{X}/communications/{{communication_id}}/release-requests"): Rule("both", origin="kg"),
    ("POST", f"{X}/communications/{{communication_id}}/release-requests"): Rule(
        "both", may=("contact_point@other", "officer@other", "registrar@other"), origin="kg"
    ),
    (
        "POST",
        f"{X}/communications/{{communication_id}}/release-requests/{{request_id}}/decide",
    ): Rule(
        "both",
        may=("contact_point@origin",),
        origin="kg",
        kwargs=lambda w: {
            "communication_id": w["communication"].pk,
            "request_id": w["release_request"].pk,
        },
    ),
    ("POST", f"{X}/communications/{{communication_id}}/retract"): Rule(
        "both", may=EDITORS_ORIGIN, origin="kg"
    ),
    ("GET", f"{A}/reads"): Rule("staff"),
    # Screening (a Kyrgyz hit marked both; a batch of the Kyrgyz officer).
    ("POST", f"{A}/screening/query"): Rule("staff"),
    ("POST", f"{A}/screening/batches"): Rule("staff"),
    ("GET", f"{A}/screening/batches"): Rule("staff"),
    ("GET", f"{A}/screening/batches/{{batch_id}}"): Rule("owner", owner="officer@kg"),
    ("GET", f"{A}/screening/batches/{{batch_id}}/results"): Rule("owner", owner="officer@kg"),
    ("GET", f"{A}/screening/hits"): Rule("staff"),
    ("POST", f"{A}/screening/hits/{{hit_id}}/decision"): Rule(
        "both", may=EDITORS, origin="kg", note="either side's editors judge a shared hit"
    ),
}
