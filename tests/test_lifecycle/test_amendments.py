"""Clause 9: a revision is in force only with the written consent of both sides."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from sswbridge.exchange import receipts
from sswbridge.exchange import services as exchange
from sswbridge.exchange.models import Communication
from sswbridge.lifecycle import selectors, services
from sswbridge.lifecycle.models import AmendmentStatus, MemorandumText

pytestmark = pytest.mark.django_db

SIGNED = "1. Purpose\nThe purpose of this Memorandum ..."
REVISED = "1. Purpose\nThe revised purpose ..."


@pytest.fixture
def signed(jp_cp, jp_kg):
    return services.record_signed_text(actor=jp_cp, framework=jp_kg, text=SIGNED)


@pytest.fixture
def amendment(jp_cp, jp_kg, signed):
    return services.propose_amendment(
        actor=jp_cp, framework=jp_kg, new_text=REVISED, clauses="1", explanation="See the text."
    )


def _in_force(user, framework) -> str:
    text = selectors.text_in_force(user, framework)
    assert text is not None
    return text.text


def test_the_signed_text_is_in_force_from_the_later_signature(signed, jp_kg):
    assert signed.number == 1
    assert signed.in_force_from == jp_kg.commencement


def test_a_proposal_is_a_communication_carrying_the_new_text(amendment, kg_cp):
    proposal = Communication.objects.visible_to(kg_cp).get(pk=amendment.proposal_id)
    assert proposal.kind == "amendment_proposal"
    assert proposal.payload["new_text"] == REVISED
    assert proposal.recipient_side == kg_cp.agency.side


def test_without_any_consent_the_proposal_never_becomes_the_text_in_force(amendment, jp_cp, jp_kg):
    assert _in_force(jp_cp, jp_kg) == SIGNED


def test_the_proposers_consent_alone_does_not_bring_it_into_force(amendment, jp_cp, jp_kg):
    services.consent_to_amendment(actor=jp_cp, amendment=amendment)
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.PROPOSED
    assert _in_force(jp_cp, jp_kg) == SIGNED


def test_the_other_sides_consent_alone_does_not_bring_it_into_force(amendment, kg_cp, jp_kg):
    services.consent_to_amendment(actor=kg_cp, amendment=amendment)
    assert _in_force(kg_cp, jp_kg) == SIGNED


def test_with_both_written_consents_the_new_text_is_in_force(amendment, jp_cp, kg_cp, jp_kg):
    services.consent_to_amendment(actor=kg_cp, amendment=amendment)
    services.consent_to_amendment(actor=jp_cp, amendment=amendment)
    version = MemorandumText.objects.get(framework=jp_kg, number=2)
    assert _in_force(kg_cp, jp_kg) == REVISED
    assert version.amendment == amendment
    sides = {c.side.code: c.communication.kind for c in version.amendment.consents.all()}
    assert sides == {"JP": "amendment_consent", "KG": "amendment_consent"}


def test_a_side_consents_only_once(amendment, kg_cp):
    services.consent_to_amendment(actor=kg_cp, amendment=amendment)
    with pytest.raises(services.LifecycleError):
        services.consent_to_amendment(actor=kg_cp, amendment=amendment)


def test_only_a_contact_point_officer_consents_for_a_side(amendment, kg_officer):
    with pytest.raises(services.NotPermitted):
        services.consent_to_amendment(actor=kg_officer, amendment=amendment)


def test_a_consent_cannot_be_sent_by_hand_through_the_exchange(amendment, kg_cp):
    with pytest.raises(ValidationError):
        exchange.send_new(
            actor=kg_cp,
            framework=amendment.framework,
            kind="amendment_consent",
            subject="We agree",
            in_reply_to=amendment.proposal,
        )
    assert not receipts.may_answer(kg_cp, amendment.proposal)


def test_the_signed_text_is_recorded_once(signed, jp_cp, jp_kg):
    with pytest.raises(services.LifecycleError):
        services.record_signed_text(actor=jp_cp, framework=jp_kg, text="Another text")


def test_a_managed_communication_is_not_corrected_by_hand(amendment, jp_cp):
    assert not exchange.may_correct(jp_cp, amendment.proposal)
