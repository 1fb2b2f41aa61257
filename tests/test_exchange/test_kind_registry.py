"""The kinds registry: each app registers the kinds it owns from its ready(), in one order."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.exceptions import ImproperlyConfigured

from sswbridge.core.models import Marking
from sswbridge.disclosure import kinds as disclosure_kinds
from sswbridge.exchange import checks, general_kinds, kinds
from sswbridge.exchange.kinds import KINDS, CommunicationKind, all_kinds, register_kind
from sswbridge.intermediaries import kinds as intermediaries_kinds
from sswbridge.lifecycle import kinds as lifecycle_kinds
from sswbridge.orders import kinds as orders_kinds
from sswbridge.sending import kinds as sending_kinds
from sswbridge.support import kinds as support_kinds
from sswbridge.suspensions import kinds as suspensions_kinds

# The order of every list of kinds (forms, /api/v1/exchange/kinds, OpenAPI) before the kinds
# moved into their apps.
ORDER = [
    "intermediary_share",
    "improper_activity_notice",
    "results_report",
    "inquiry",
    "inquiry_answer",
    "exam_cooperation_request",
    "exam_cooperation_answer",
    "exam_fraud_report",
    "support_org_list_share",
    "general_notice",
    "sending_org_approval_notice",
    "sending_org_suspension_notice",
    "sending_org_revocation_notice",
    "sending_org_expiry_notice",
    "improvement_order_notice",
    "suspension_notice",
    "return_assistance_request",
    "amendment_proposal",
    "amendment_consent",
    "termination_notice",
    "termination_withdrawal_request",
    "termination_withdrawal_consent",
    "disclosure_request",
    "disclosure_answer",
]


@pytest.fixture
def restored() -> Iterator[None]:
    """The registry as the apps left it, put back after a test that adds to it."""
    saved, positions = dict(KINDS), dict(kinds._POSITIONS)
    yield
    KINDS.clear()
    KINDS.update(saved)
    kinds._POSITIONS.clear()
    kinds._POSITIONS.update(positions)


def test_the_apps_register_every_kind_in_the_order_of_before():
    assert [kind.key for kind in all_kinds()] == ORDER


@pytest.mark.parametrize(
    ("module", "keys"),
    [
        (general_kinds, ["inquiry", "exam_fraud_report", "general_notice"]),
        (intermediaries_kinds, ["intermediary_share"]),
        (sending_kinds, ["results_report"]),
        (orders_kinds, ["improvement_order_notice"]),
        (support_kinds, ["support_org_list_share"]),
        (suspensions_kinds, ["suspension_notice", "return_assistance_request"]),
        (lifecycle_kinds, ["amendment_proposal", "termination_withdrawal_consent"]),
        (disclosure_kinds, ["disclosure_request", "disclosure_answer"]),
    ],
)
def test_each_app_owns_its_kinds(module, keys):
    declared = {v.key: v for v in vars(module).values() if isinstance(v, CommunicationKind)}
    assert all(KINDS[key] is declared[key] for key in keys)


def test_a_new_kind_takes_its_place_by_position(restored):
    register_kind(CommunicationKind(key="test_notice", label="Test", clause="2"), position=95)
    keys = [kind.key for kind in all_kinds()]
    assert keys.index("test_notice") == keys.index("support_org_list_share") + 1


def test_registering_the_same_kind_again_changes_nothing(restored):
    register_kind(suspensions_kinds.SUSPENSION_NOTICE, position=160)
    assert [kind.key for kind in all_kinds()] == ORDER


def test_another_kind_under_a_registered_key_is_refused(restored):
    twin = CommunicationKind(key="inquiry", label="Another inquiry", clause="2")
    with pytest.raises(ImproperlyConfigured, match="registered twice"):
        register_kind(twin, position=40)


def test_a_taken_position_is_refused(restored):
    with pytest.raises(ImproperlyConfigured, match="position 40"):
        register_kind(CommunicationKind(key="test_notice", label="Test", clause="2"), position=40)


def test_a_public_kind_is_refused(restored):
    public = CommunicationKind(
        key="test_notice", label="Test", clause="2", default_marking=Marking.PUBLIC
    )
    with pytest.raises(ImproperlyConfigured, match="public"):
        register_kind(public, position=5)


def test_the_registered_kinds_pass_the_system_check():
    assert checks.check_answer_kinds() == []


def test_an_answer_kind_no_app_registered_fails_the_system_check(restored):
    asking = CommunicationKind(
        key="test_request", label="Test", clause="2", answer_kinds=("test_reply",)
    )
    register_kind(asking, position=5)
    assert [e.id for e in checks.check_answer_kinds()] == ["sswbridge.E030"]
