"""Automatic screening on saving: hits on a new application and on a new share, decisions
that silence the pair, matches that link the records, and who may see and decide."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from sswbridge.accounts.models import Role
from sswbridge.audit.models import AuditEntry
from sswbridge.exchange import services as exchange
from sswbridge.frameworks.models import Framework
from sswbridge.intermediaries.models import Intermediary, Script
from sswbridge.screening import services
from sswbridge.screening.models import HitStatus, ScreeningHit
from sswbridge.sending.services import organizations as sending_services
from tests.helpers import factories

pytestmark = pytest.mark.django_db

SHARE = {
    "kind": "intermediary_share",
    "subject": "A broker takes deposits",
    "payload": {"acts": ["money_or_property"]},
}


def _apply(framework: Framework, registrar: Any, **fields: Any) -> Any:
    values = {"name_en": "Ak-Jol Travel LLC", "registration_number": "R-77", **fields}
    return sending_services.apply(actor=registrar, framework=framework, **values)


@pytest.fixture
def registrar(jp_kg: Framework) -> Any:
    return factories.make_user("kg-ceca", Role.REGISTRAR)


@pytest.fixture
def broker(jp_kg: Framework) -> Intermediary:
    return factories.make_intermediary(jp_kg)  # ОсОО Ак-Жол Тревел


def test_a_new_application_is_screened_and_its_hit_shows_on_its_page(
    jp_kg: Framework, registrar: Any, broker: Intermediary
) -> None:
    org = _apply(jp_kg, registrar)
    hit = ScreeningHit.objects.get(subject_id=str(org.pk))
    assert (hit.subject_source, hit.candidate_key, hit.status) == (
        "sending_organization",
        f"intermediary:{broker.pk}",
        HitStatus.OPEN,
    )
    assert hit.score >= 0.7 and hit.explanation["words"]
    assert {f["text"] for f in hit.explanation["legal_forms"]} >= {"llc", "осоо"}
    assert AuditEntry.objects.filter(object_type="screening.screeninghit").count() == 1
    page = factories.verified_client(registrar).get(
        reverse("sending:sending_organization_detail", kwargs={"pk": org.pk})
    )
    body = page.content.decode()
    assert 'data-testid="hit"' in body and "ОсОО Ак-Жол Тревел" in body
    assert "legal form set aside: llc" in body and "(BGN/PCGN" in body
    assert reverse("screening:decide", kwargs={"pk": hit.pk}) in body


def test_an_application_does_not_hit_itself_and_an_unrelated_one_has_no_hit(
    jp_kg: Framework, registrar: Any, broker: Intermediary
) -> None:
    org = _apply(jp_kg, registrar, name_en="Totally Different Consulting", representatives="")
    assert not ScreeningHit.objects.filter(subject_id=str(org.pk)).exists()


def test_a_representative_is_screened_as_a_person(jp_kg: Framework, registrar: Any) -> None:
    person = factories.make_intermediary(jp_kg, names=[("Асанов Бакыт", Script.CYRILLIC, "ky")])
    person.kind = "individual"
    person.save()
    org = _apply(jp_kg, registrar, name_en="Sunrise Staffing", representatives="Bakyt Asanov\n")
    hit = ScreeningHit.objects.get(subject_id=str(org.pk))
    assert (hit.subject_name, hit.candidate_id) == ("Bakyt Asanov", str(person.pk))


def test_a_new_share_screens_the_intermediaries_it_names(
    jp_kg: Framework, broker: Intermediary
) -> None:
    sender = factories.make_user("kg-ceca", Role.CONTACT_POINT)
    new = {
        "kind": "corporation",
        "country": "KG",
        "names": [{"value": "Ak Zhol Travel Ltd.", "script": "Latn", "language": "en"}],
    }
    c = exchange.send_new(actor=sender, framework=jp_kg, **SHARE, new_intermediaries=[new])
    hit = ScreeningHit.objects.get(communication=c)
    created = Intermediary.objects.get(mentions__communication=c)
    assert (hit.subject_id, hit.candidate_id) == (str(created.pk), str(broker.pk))
    officer = factories.make_user("kg-ceca", Role.OFFICER)
    client = factories.verified_client(officer)
    for url in (
        reverse("exchange:detail", kwargs={"pk": c.pk}),
        reverse("intermediaries:intermediary_detail", kwargs={"pk": created.pk}),
    ):
        assert "Ak Zhol Travel Ltd." in client.get(url).content.decode()
        assert (
            reverse("screening:decide", kwargs={"pk": hit.pk}) in client.get(url).content.decode()
        )


def test_not_a_match_silences_the_pair_for_good(
    jp_kg: Framework, registrar: Any, broker: Intermediary
) -> None:
    org = _apply(jp_kg, registrar)
    hit = ScreeningHit.objects.get(subject_id=str(org.pk))
    client = factories.verified_client(registrar)
    url = reverse("sending:sending_organization_detail", kwargs={"pk": org.pk})
    response = client.post(
        reverse("screening:decide", kwargs={"pk": hit.pk}),
        {"status": "not_match", "reason": "different owners", "next": url},
    )
    assert response.status_code == 302 and response["Location"] == url
    hit.refresh_from_db()
    assert (hit.status, hit.reason, hit.decided_by) == ("not_match", "different owners", registrar)
    assert AuditEntry.objects.filter(object_id=str(hit.pk), action="update").exists()
    # Re-saving and re-screening bring no new alert for the pair.
    sending_services.update_application(actor=registrar, organization=org, phone="+996 555")
    services.screen_sending_organization(actor=registrar, organization=org)
    assert ScreeningHit.objects.filter(subject_id=str(org.pk)).count() == 1
    assert not ScreeningHit.objects.filter(status=HitStatus.OPEN).exists()
    assert 'data-testid="hit"' not in client.get(url).content.decode()
    listing = client.get(reverse("screening:decisions"), {"status": "not_match"})
    assert "different owners" in listing.content.decode()


def test_the_pair_does_not_alert_again_from_the_other_side(
    jp_kg: Framework, registrar: Any, broker: Intermediary
) -> None:
    org = _apply(jp_kg, registrar)
    hit = ScreeningHit.objects.get(subject_id=str(org.pk))
    services.decide(actor=registrar, hit=hit, status="not_match")
    intermediary = Intermediary.objects.get(pk=broker.pk)
    services.screen_intermediaries(actor=registrar, intermediaries=[intermediary])
    assert ScreeningHit.objects.count() == 1


def test_a_match_links_the_two_records_on_both_pages(
    jp_kg: Framework, registrar: Any, broker: Intermediary
) -> None:
    org = _apply(jp_kg, registrar)
    hit = ScreeningHit.objects.get(subject_id=str(org.pk))
    services.decide(actor=registrar, hit=hit, status="match", reason="same director")
    client = factories.verified_client(registrar)
    org_page = client.get(reverse("sending:sending_organization_detail", kwargs={"pk": org.pk}))
    broker_page = client.get(
        reverse("intermediaries:intermediary_detail", kwargs={"pk": broker.pk})
    )
    assert reverse("intermediaries:intermediary_detail", kwargs={"pk": broker.pk}) in (
        org_page.content.decode()
    )
    assert 'data-testid="linked"' in broker_page.content.decode()
    assert "Ak-Jol Travel LLC" in broker_page.content.decode()


def test_a_decided_hit_cannot_be_decided_again(
    jp_kg: Framework, registrar: Any, broker: Intermediary
) -> None:
    org = _apply(jp_kg, registrar)
    hit = ScreeningHit.objects.get(subject_id=str(org.pk))
    services.decide(actor=registrar, hit=hit, status="match")
    with pytest.raises(Exception, match="already been decided"):
        services.decide(actor=registrar, hit=hit, status="not_match")


def test_an_auditor_sees_the_hit_but_may_not_decide(
    jp_kg: Framework, registrar: Any, broker: Intermediary
) -> None:
    org = _apply(jp_kg, registrar)
    hit = ScreeningHit.objects.get(subject_id=str(org.pk))
    auditor = factories.make_user("kg-ceca", Role.AUDITOR)
    client = factories.verified_client(auditor)
    page = client.get(reverse("sending:sending_organization_detail", kwargs={"pk": org.pk}))
    assert 'data-testid="hit"' in page.content.decode()
    assert 'data-testid="decide-form"' not in page.content.decode()
    client.post(reverse("screening:decide", kwargs={"pk": hit.pk}), {"status": "not_match"})
    hit.refresh_from_db()
    assert hit.status == HitStatus.OPEN
    with pytest.raises(services.NotPermitted):
        services.decide(actor=auditor, hit=hit, status="not_match")


def test_hits_of_a_side_only_record_stay_on_that_side_and_framework(
    jp_kg: Framework, jp_uz: Framework, registrar: Any, broker: Intermediary
) -> None:
    org = _apply(jp_kg, registrar)  # an application stays within the partner side
    hit = ScreeningHit.objects.get(subject_id=str(org.pk))
    assert hit.marking == "side"
    url = reverse("screening:decide", kwargs={"pk": hit.pk})
    for outsider in (
        factories.make_user("isa", Role.OFFICER),  # the other side
        factories.make_user("uz-agency", Role.OFFICER),  # another framework
    ):
        client = factories.verified_client(outsider)
        assert client.post(url, {"status": "not_match"}).status_code == 404
        assert (
            "Ak-Jol Travel LLC" not in client.get(reverse("screening:decisions")).content.decode()
        )
    hit.refresh_from_db()
    assert hit.status == HitStatus.OPEN


def test_the_demo_shows_a_hit_waiting_on_a_new_application() -> None:
    from sswbridge.demo import loader as demo
    from sswbridge.sending.demo import SCREENED_NUMBER as NUMBER

    demo.load_demo()
    demo.load_demo()  # idempotent
    org = sending_services.SendingOrganization.objects.get(registration_number=NUMBER)
    assert ScreeningHit.objects.filter(subject_id=str(org.pk), status=HitStatus.OPEN).exists()


@pytest.mark.parametrize("target", ["abc", "https://evil.example/", "//evil.example"])
def test_a_decision_with_an_unsafe_next_returns_to_the_decisions_page(
    jp_kg: Framework, registrar: Any, broker: Intermediary, target: str
) -> None:
    hit = ScreeningHit.objects.get(subject_id=str(_apply(jp_kg, registrar).pk))
    client = factories.verified_client(registrar)
    url = reverse("screening:decide", kwargs={"pk": hit.pk})
    response = client.post(url, {"status": "not_match", "next": target})
    assert (response.status_code, response["Location"]) == (302, reverse("screening:decisions"))
