"""Factories for every scoped record (each `FrameworkScopedModel` and every other model with
a `visible_to`): one function each, jp-kg and sensible values unless told. Records that a
service makes are made through it, as users make them; the others are rows. The isolation
world (tests/helpers/isolation/world.py) is built from these."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from sswbridge.accounts.models import Agency, Role, User
from sswbridge.frameworks.models import Framework, SSWField
from tests.helpers import factories


def _scoped(agency_code: str, framework: Framework | None) -> dict[str, Any]:
    agency = Agency.objects.get(code=agency_code)
    return {
        "framework": framework or factories.jp_kg(),
        "originator_side": agency.side,
        "originator_agency": agency,
    }


def _user(user: User | None, agency_code: str, role: str) -> User:
    return user or factories.make_user(agency_code, role)


# exchange


def make_attachment(communication: Any, *, name: str = "notice.pdf", **fields: Any) -> Any:
    """An attachment's row (no file stored) on a communication, scoped as it is."""
    from sswbridge.exchange.models import Attachment

    values: dict[str, Any] = {
        "marking": communication.marking,
        "file": f"exchange/{communication.pk}/{name}",
        "original_name": name,
        "content_type": "application/pdf",
        "size": 1,
        "sha256": "0" * 64,
        "uploaded_by": communication.sender_user,
        **fields,
    }
    return Attachment.objects.create(
        framework=communication.framework,
        originator_side=communication.originator_side,
        originator_agency=communication.originator_agency,
        communication=communication,
        **values,
    )


def make_read_event(user: User, obj: Any) -> Any:
    """`user` of the other side viewed `obj` (a communication, attachment, case...)."""
    from sswbridge.readlog import services as readlog

    return readlog.log_read(user=user, obj=obj)


# cases


def make_case(
    framework: Framework | None = None,
    *,
    actor: User | None = None,
    title: str = "Case of Ak-Jol Travel",
    marking: str = "both",
) -> Any:
    from sswbridge.cases import services as cases

    return cases.open_case(
        actor=_user(actor, "kg-ceca", Role.CONTACT_POINT),
        framework=framework or factories.jp_kg(),
        title=title,
        subject_type="other",
        marking=marking,
    )


# consultations


def make_consultation(
    framework: Framework | None = None,
    *,
    actor: User | None = None,
    title: str = "Joint consultation",
    **fields: Any,
) -> Any:
    from sswbridge.consultations import services as consultations

    values: dict[str, Any] = {
        "kind": "ad_hoc",
        "starts_at": timezone.now(),
        "place": "Tokyo",
        **fields,
    }
    return consultations.schedule(
        actor=_user(actor, "isa", Role.CONTACT_POINT),
        framework=framework or factories.jp_kg(),
        title=title,
        **values,
    )


# lifecycle


def make_memorandum_text(
    framework: Framework | None = None, *, actor: User | None = None, text: str = "As signed"
) -> Any:
    from sswbridge.lifecycle import services as lifecycle

    return lifecycle.record_signed_text(
        actor=_user(actor, "isa", Role.CONTACT_POINT),
        framework=framework or factories.jp_kg(),
        text=text,
    )


def make_amendment(
    framework: Framework | None = None, *, actor: User | None = None, new_text: str = "New text"
) -> Any:
    from sswbridge.lifecycle import services as lifecycle

    return lifecycle.propose_amendment(
        actor=_user(actor, "isa", Role.CONTACT_POINT),
        framework=framework or factories.jp_kg(),
        new_text=new_text,
    )


def make_review(
    framework: Framework | None = None, *, actor: User | None = None, title: str = "Review"
) -> Any:
    from sswbridge.lifecycle import services as lifecycle

    return lifecycle.record_review(
        actor=_user(actor, "isa", Role.CONTACT_POINT),
        framework=framework or factories.jp_kg(),
        review_date=dt.date(2025, 7, 6),
        title=title,
    )


def make_termination_notice(
    framework: Framework | None = None, *, actor: User | None = None
) -> Any:
    from sswbridge.lifecycle import services as lifecycle

    return lifecycle.give_termination_notice(
        actor=_user(actor, "kg-ceca", Role.CONTACT_POINT), framework=framework or factories.jp_kg()
    )


# suspensions


def make_suspension(
    framework: Framework | None = None, *, actor: User | None = None, field: str = "construction"
) -> Any:
    from sswbridge.suspensions import services as suspensions

    return suspensions.record_suspension(
        actor=_user(actor, "isa", Role.CONTACT_POINT),
        framework=framework or factories.jp_kg(),
        field=SSWField.objects.get(code=field),
        starts_on=dt.date(2026, 4, 1),
        legal_basis="Article 7-2",
        scope="New entries",
    )


def make_affected_person(
    suspension: Any, *, actor: User | None = None, name: str = "Asanov Umut"
) -> Any:
    from sswbridge.suspensions import services as suspensions

    return suspensions.add_person(
        actor=_user(actor, "isa", Role.CONTACT_POINT),
        suspension=suspension,
        name=name,
        status_of_residence="ssw_ii",
        employer="Yamada",
        residence_situation="may_not_remain",
    )


def make_return_request(person: Any, *, actor: User | None = None) -> Any:
    from sswbridge.suspensions import services as suspensions

    return suspensions.request_return_assistance(
        actor=_user(actor, "isa", Role.CONTACT_POINT), person=person, assistance="Passport"
    )


def make_travel_document(person: Any, *, actor: User | None = None) -> Any:
    """A temporary travel document the partner's embassy records (issue 16)."""
    from sswbridge.suspensions import travel

    return travel.request_travel_document(
        actor=_user(actor, "kg-ceca", Role.CONTACT_POINT),
        person=person,
        issuing_mission="Embassy in Tokyo",
        requested_on=timezone.localdate(),
    )


# disclosure


def make_disclosure_request(
    share: Any, *, actor: User | None = None, third_party_name: str = "Tokyo District Court"
) -> Any:
    """A request to disclose the subject of `share` (a communication of the other side)."""
    from sswbridge.disclosure import services

    return services.file_request(
        actor=_user(actor, "isa", Role.OFFICER),
        third_party_type="court",
        third_party_name=third_party_name,
        purpose="Trial",
        items=[{"kind": "communication", "id": str(share.pk), "fields": ["subject"]}],
    )


def make_disclosure(request: Any, *, consenting: User, exporting: User) -> Any:
    """The request granted by the originating side, then exported by the requester."""
    from sswbridge.disclosure import services

    granted = services.grant(
        actor=consenting, request=request, expires_on=timezone.localdate() + dt.timedelta(days=30)
    )
    return services.export(actor=exporting, request=granted)


# registers


def make_improvement_order(
    framework: Framework | None = None,
    *,
    recorded_by: User | None = None,
    organization_name: str = "Sakura Support KK",
    marking: str = "public",
) -> Any:
    """An improvement order's row, recorded by Japan."""
    from sswbridge.orders.models import ImprovementOrder

    recorded_by = _user(recorded_by, "isa", Role.REGISTRAR)
    return ImprovementOrder.objects.create(
        **_scoped(recorded_by.agency.code, framework),
        marking=marking,
        order_date="2026-03-02",
        organization_name=organization_name,
        address="Tokyo",
        representative="Yamada",
        legal_basis="Article 19-21",
        measures="Pay the wages",
        recorded_by=recorded_by,
    )


def make_investigation(organization: Any, notice: Any, *, marking: str = "both") -> Any:
    """An investigation's row of a sending organization, opened on a notice."""
    from sswbridge.sending.models import Investigation

    return Investigation.objects.create(
        framework=organization.framework,
        originator_side=organization.originator_side,
        originator_agency=organization.originator_agency,
        marking=marking,
        organization=organization,
        notice=notice,
        opened_by=notice.sender_user,
    )


def make_publication(order: Any, *, portal: str = "kg") -> Any:
    """An improvement order's publication waiting on a portal."""
    from sswbridge.publication.models import Publication

    return Publication.objects.create(
        framework=order.framework,
        portal=portal,
        register="improvement_orders",
        improvement_order=order,
    )


def make_support_import(
    framework: Framework | None = None,
    *,
    imported_by: User | None = None,
    file_name: str = "list.xlsx",
) -> Any:
    from sswbridge.support.models import SupportImport

    imported_by = _user(imported_by, "isa", Role.REGISTRAR)
    return SupportImport.objects.create(
        **_scoped(imported_by.agency.code, framework),
        imported_by=imported_by,
        file_name=file_name,
        file_sha256="0" * 64,
    )


def make_support_organization(
    framework: Framework | None = None,
    *,
    agency_code: str = "isa",
    name: str = "Sakura Support KK",
    registration_number: str = "19登-424242",
) -> Any:
    from sswbridge.support.models import SupportOrganization

    return SupportOrganization.objects.create(
        **_scoped(agency_code, framework),
        marking="public",
        registration_number=registration_number,
        name=name,
        name_key="".join(name.lower().split()),
        content_hash="0" * 64,
    )


# screening and the audit trail


def make_screening_hit(
    framework: Framework | None = None,
    *,
    agency_code: str = "kg-ceca",
    name: str = "Ak-Jol Travel",
    **fields: Any,
) -> Any:
    from sswbridge.screening.models import ScreeningHit

    values: dict[str, Any] = {
        "marking": "both",
        "subject_source": "intermediary",
        "subject_id": "00000000-0000-0000-0000-000000000001",
        "subject_name": name,
        "candidate_source": "intermediary",
        "candidate_id": "00000000-0000-0000-0000-000000000002",
        "candidate_name": name,
        "score": 0.9,
        **fields,
    }
    return ScreeningHit.objects.create(**_scoped(agency_code, framework), **values)


def make_audit_entry(
    actor: User, framework: Framework | None = None, *, object_type: str = "test"
) -> Any:
    from sswbridge.audit.services import record

    return record(
        actor=actor,
        action="other",
        object_type=object_type,
        framework=framework or factories.jp_kg(),
    )
