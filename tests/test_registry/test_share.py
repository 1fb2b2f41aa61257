"""A share creates intermediaries or links existing ones, in the same transaction."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sswbridge.accounts.models import Role
from sswbridge.exchange import services as exchange
from sswbridge.exchange.models import Communication
from sswbridge.intermediaries.models import Intermediary, IntermediaryMention
from sswbridge.intermediaries.selectors import intermediaries_for
from tests.helpers import factories
from tests.helpers.api import RegistryApi as Api
from tests.helpers.intermediaries import report

pytestmark = pytest.mark.django_db

SHARE = {
    "kind": "intermediary_share",
    "subject": "Ak-Jol Travel takes deposits",
    "payload": {"acts": ["money_or_property"]},
}
NEW_BROKER = {
    "kind": "individual",
    "country": "KG",
    "names": [{"value": "Токтогулов Нурлан", "script": "Cyrl", "language": "ky"}],
    "identifiers": [{"type": "phone", "value": "+996 700 11 22 33"}],
}


def _share(actor, framework, **fields):
    return exchange.send_new(actor=actor, framework=framework, **SHARE, **fields)


def test_a_share_links_an_existing_intermediary(kg_cp, jp_kg, ak_jol):
    c = _share(kg_cp, jp_kg, intermediary_ids=[ak_jol.pk])
    assert list(IntermediaryMention.objects.values_list("intermediary", "communication")) == [
        (ak_jol.pk, c.pk)
    ]


def test_a_share_creates_the_intermediary_it_describes_with_its_marking(kg_cp, jp_kg):
    c = _share(kg_cp, jp_kg, marking="side", new_intermediaries=[NEW_BROKER])
    created = Intermediary.objects.get(mentions__communication=c)
    assert (created.kind, created.marking, created.identifiers.get().normalized) == (
        "individual",
        "side",
        "996700112233",
    )


def test_the_recipient_side_sees_the_intermediary_a_both_sides_share_created(kg_cp, jp_kg):
    c = _share(kg_cp, jp_kg, new_intermediaries=[NEW_BROKER])
    japan_officer = factories.make_user("npa", Role.OFFICER)
    assert intermediaries_for(japan_officer).filter(mentions__communication=c).exists()


def test_an_intermediary_of_another_framework_refuses_the_share(kg_cp, jp_kg, jp_uz):
    japan_user = factories.make_user("isa", Role.CONTACT_POINT)
    uzbek = report(japan_user, jp_uz, country="UZ", identifiers=[])
    with pytest.raises(ValidationError) as exc:
        _share(japan_user, jp_kg, intermediary_ids=[uzbek.pk])
    assert ("intermediary_ids" in exc.value.message_dict, Communication.objects.count()) == (
        True,
        0,
    )


def test_an_intermediary_hidden_from_the_sender_is_not_linked(jp_cp, jp_kg):
    ceca_only = report(
        factories.make_user("kg-ceca", Role.OFFICER), jp_kg, marking="agency", identifiers=[]
    )
    with pytest.raises(ValidationError):
        _share(jp_cp, jp_kg, intermediary_ids=[ceca_only.pk])
    assert IntermediaryMention.objects.count() == 0


def test_a_bad_new_intermediary_saves_neither_the_share_nor_the_intermediaries(kg_cp, jp_kg):
    broken = {**NEW_BROKER, "country": "Kyrgyzstan"}
    with pytest.raises(ValidationError) as exc:
        _share(kg_cp, jp_kg, new_intermediaries=[NEW_BROKER, broken])
    counts = (Communication.objects.count(), Intermediary.objects.count())
    assert ("new_intermediaries.1.country" in exc.value.message_dict, counts) == (True, (0, 0))


def test_a_correction_names_the_same_intermediaries(kg_cp, jp_kg, ak_jol):
    c = _share(kg_cp, jp_kg, intermediary_ids=[ak_jol.pk])
    new = exchange.correct(
        actor=kg_cp, communication=c, subject="Corrected", payload=SHARE["payload"]
    )
    assert set(ak_jol.mentions.values_list("communication", flat=True)) == {c.pk, new.pk}


# --- the compose form -----------------------------------------------------------------------


def test_the_compose_form_names_an_existing_and_a_new_intermediary(kg_cp, jp_kg, ak_jol):
    client = factories.verified_client(kg_cp)
    response = client.post(
        reverse("exchange:compose") + "?kind=intermediary_share",
        {
            "framework": jp_kg.pk,
            "subject": "Ak-Jol Travel and its agent",
            "marking": "both",
            "p_acts": ["penalty_contract"],
            "action": "send",
            "im-existing": [ak_jol.pk],
            "im-new_name": "Токтогулов Нурлан",
            "im-new_script": "Cyrl",
            "im-new_language": "ky",
            "im-new_kind": "individual",
            "im-new_country": "kg",
            "im-new_identifier_type": "email",
            "im-new_identifier_value": "Nurlan@Example.KG",
        },
    )
    c = Communication.objects.get()
    named = Intermediary.objects.filter(mentions__communication=c)
    assert response.status_code == 302
    assert sorted(str(i) for i in named) == ["ОсОО Ак-Жол Тревел", "Токтогулов Нурлан"]


def test_the_compose_form_asks_for_the_kind_and_country_of_a_new_intermediary(kg_cp, jp_kg):
    client = factories.verified_client(kg_cp)
    response = client.post(
        reverse("exchange:compose") + "?kind=intermediary_share",
        {
            "framework": jp_kg.pk,
            "subject": "A new broker",
            "marking": "both",
            "p_acts": ["penalty_contract"],
            "action": "send",
            "im-new_name": "Nurlan",
        },
    )
    assert (response.status_code, Communication.objects.count()) == (200, 0)


def test_the_compose_form_offers_the_intermediaries_the_sender_may_see(kg_cp, ak_jol):
    client = factories.verified_client(kg_cp)
    page = client.get(reverse("exchange:compose") + "?kind=intermediary_share").content.decode()
    assert f'<option value="{ak_jol.pk}">ОсОО Ак-Жол Тревел / Ak-Jol Travel LLC' in page


def test_the_communication_page_lists_the_intermediaries_it_names(kg_cp, jp_cp, jp_kg, ak_jol):
    c = _share(kg_cp, jp_kg, intermediary_ids=[ak_jol.pk])
    page = factories.verified_client(jp_cp).get(reverse("exchange:detail", args=[c.pk]))
    assert reverse("intermediaries:intermediary_detail", args=[ak_jol.pk]) in page.content.decode()


# --- the API --------------------------------------------------------------------------------


def test_the_api_share_links_and_creates_intermediaries(kg_cp, jp_cp, ak_jol):
    body = {
        "framework": "jp-kg",
        **SHARE,
        "intermediary_ids": [str(ak_jol.pk)],
        "new_intermediaries": [NEW_BROKER],
    }
    created = Api(kg_cp, "/api/v1/exchange").post("/communications", body)
    assert created.status_code == 201
    listed = Api(jp_cp).get(f"/intermediaries/{ak_jol.pk}/communications").json()
    assert [item["id"] for item in listed["items"]] == [created.json()["id"]]
    assert Intermediary.objects.filter(mentions__communication=created.json()["id"]).count() == 2


def test_the_api_refuses_an_intermediary_of_another_framework(kg_cp, jp_uz):
    uzbek = report(factories.make_user("isa", Role.OFFICER), jp_uz, country="UZ", identifiers=[])
    body = {"framework": "jp-kg", **SHARE, "intermediary_ids": [str(uzbek.pk)]}
    response = Api(kg_cp, "/api/v1/exchange").post("/communications", body)
    assert (response.status_code, response.json()["code"], Communication.objects.count()) == (
        400,
        "invalid_input",
        0,
    )


def test_the_api_refuses_a_new_intermediary_without_a_name(kg_cp, jp_kg):
    body = {"framework": "jp-kg", **SHARE, "new_intermediaries": [{**NEW_BROKER, "names": []}]}
    response = Api(kg_cp, "/api/v1/exchange").post("/communications", body)
    assert (response.status_code, Communication.objects.count()) == (422, 0)
