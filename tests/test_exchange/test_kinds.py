from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from sswbridge.core.models import Marking
from sswbridge.exchange.kinds import KINDS, get_kind

SHARE = KINDS["intermediary_share"]


def test_share_keeps_the_chosen_acts_in_memorandum_order():
    cleaned = SHARE.validate_payload({"acts": ["unexplained_fees", "penalty_contract"]})
    assert cleaned == {"acts": ["penalty_contract", "unexplained_fees"]}


def test_share_needs_at_least_one_act():
    with pytest.raises(ValidationError) as exc:
        SHARE.validate_payload({"acts": []})
    assert "acts" in exc.value.message_dict


def test_other_act_needs_its_description():
    with pytest.raises(ValidationError) as exc:
        SHARE.validate_payload({"acts": ["other"]})
    assert "other_text" in exc.value.message_dict


def test_unknown_act_is_refused():
    with pytest.raises(ValidationError) as exc:
        SHARE.validate_payload({"acts": ["bribery"]})
    assert "acts" in exc.value.message_dict


def test_unknown_payload_field_is_refused():
    with pytest.raises(ValidationError) as exc:
        SHARE.validate_payload({"acts": ["human_rights"], "colour": "red"})
    assert "colour" in exc.value.message_dict


def test_share_defaults_to_both_sides():
    assert SHARE.default_marking == Marking.BOTH


def test_improper_activity_notice_is_answered_by_a_results_report():
    assert KINDS["improper_activity_notice"].answer_kinds == ("results_report",)


def test_exam_fraud_report_knows_proxy_test_taking_and_forged_certificates():
    cleaned = KINDS["exam_fraud_report"].validate_payload(
        {"fraud_types": ["proxy_test_taking", "forged_certificate"]}
    )
    assert cleaned["fraud_types"] == ["proxy_test_taking", "forged_certificate"]


def test_no_kind_is_public():
    assert all(kind.default_marking != Marking.PUBLIC for kind in KINDS.values())


def test_unknown_kind_is_a_validation_error():
    with pytest.raises(ValidationError):
        get_kind("gossip")
