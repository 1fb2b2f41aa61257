"""Sending organizations and the frameworks' checklists under /api/v1/registry.

Everyone reads what `visible_to` lets them see; registrars of the partner side write.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from sswbridge.core.api import ERRORS, auth_user
from sswbridge.frameworks.models import Framework
from sswbridge.sending import selectors
from sswbridge.sending.api.common import not_found, run, then
from sswbridge.sending.models import ExaminationCriterion, SendingOrganization
from sswbridge.sending.schemas import (
    CriterionIn,
    CriterionOut,
    DecisionIn,
    ExaminationIn,
    ExaminationRowOut,
    SendingOrganizationDetailOut,
    SendingOrganizationFilterIn,
    SendingOrganizationIn,
    SendingOrganizationPageOut,
    SendingOrganizationPatch,
    SendingOrganizationStatusIn,
)
from sswbridge.sending.services import organizations as sending_services

router = Router(tags=["sending"])
ONE = {200: SendingOrganizationDetailOut, **ERRORS}


def _find(request: HttpRequest, organization_id: UUID) -> SendingOrganization | None:
    found: SendingOrganization | None = (
        selectors.sending_organizations_for(auth_user(request)).filter(pk=organization_id).first()
    )
    return found


def _detail(request: HttpRequest, org: SendingOrganization) -> SendingOrganization:
    fresh = _find(request, org.pk) or org
    fresh.history = selectors.history_of(auth_user(request), fresh)  # type: ignore[attr-defined]
    return fresh


def _framework(request: HttpRequest, code: str) -> Framework | None:
    return Framework.objects.visible_to(auth_user(request)).filter(code=code).first()


@router.get(
    "/sending-organizations",
    response=SendingOrganizationPageOut,
    operation_id="sending_list_sending_organizations",
)
def list_sending_organizations(
    request: HttpRequest, filters: Query[SendingOrganizationFilterIn]
) -> Any:
    """Sending organizations the user may see; `q` searches names and numbers."""
    items = selectors.search_sending_organizations(
        auth_user(request),
        q=filters.q.replace("\x00", ""),
        status=filters.status.replace("\x00", ""),
        framework=filters.framework.replace("\x00", ""),
    )
    return {
        "count": items.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": list(items[filters.offset : filters.offset + filters.limit]),
    }


@router.post(
    "/sending-organizations",
    response={201: SendingOrganizationDetailOut, **ERRORS},
    operation_id="sending_apply_sending_organization",
)
def apply(request: HttpRequest, payload: SendingOrganizationIn) -> Any:
    """Record an application (registrars of the partner side)."""
    values = payload.dict()
    framework = _framework(request, values.pop("framework").replace("\x00", ""))
    if framework is None:
        return not_found(_("No such framework."))
    return run(
        lambda: _detail(
            request, sending_services.apply(actor=auth_user(request), framework=framework, **values)
        ),
        status=201,
    )


@router.get(
    "/sending-organizations/{organization_id}",
    response=ONE,
    operation_id="sending_get_sending_organization",
)
def get_sending_organization(request: HttpRequest, organization_id: UUID) -> Any:
    """One organization with its history and the receipts of the notices that carried it."""
    org = _find(request, organization_id)
    if org is None:
        return not_found(_("No such sending organization."))
    return _detail(request, org)


@router.patch(
    "/sending-organizations/{organization_id}",
    response=ONE,
    operation_id="sending_update_sending_organization",
)
def update_sending_organization(
    request: HttpRequest, organization_id: UUID, payload: SendingOrganizationPatch
) -> Any:
    org = _find(request, organization_id)
    if org is None:
        return not_found(_("No such sending organization."))
    return run(
        lambda: _detail(
            request,
            sending_services.update_application(
                actor=auth_user(request), organization=org, **payload.dict(exclude_unset=True)
            ),
        )
    )


def _rows(request: HttpRequest, org: SendingOrganization) -> list[dict[str, Any]]:
    rows = selectors.examination_of(auth_user(request), org) or []
    return [
        {
            "criterion": row["criterion"].pk,
            "code": row["criterion"].code,
            "text": row["criterion"].text,
            "met": row["result"].met if row["result"] else None,
            "evidence": row["result"].evidence if row["result"] else "",
            "examiner": row["result"].examiner.get_username() if row["result"] else None,
            "examined_at": row["result"].examined_at if row["result"] else None,
        }
        for row in rows
    ]


@router.get(
    "/sending-organizations/{organization_id}/examination",
    response={200: list[ExaminationRowOut], **ERRORS},
    operation_id="sending_get_sending_organization_examination",
)
def get_examination(request: HttpRequest, organization_id: UUID) -> Any:
    """The checklist with each criterion's result (the organization's own side only)."""
    org = _find(request, organization_id)
    if org is None or selectors.examination_of(auth_user(request), org) is None:
        return not_found(_("No such sending organization."))
    return _rows(request, org)


@router.post(
    "/sending-organizations/{organization_id}/examination",
    response={200: list[ExaminationRowOut], **ERRORS},
    operation_id="sending_examine_sending_organization",
)
def examine(request: HttpRequest, organization_id: UUID, payload: ExaminationIn) -> Any:
    """Mark one criterion met or not met, with the evidence."""
    org = _find(request, organization_id)
    if org is None:
        return not_found(_("No such sending organization."))
    criterion = ExaminationCriterion.objects.filter(
        pk=payload.criterion, framework_id=org.framework_id
    ).first()
    if criterion is None:
        return not_found(_("No such criterion."))
    return run(
        lambda: then(
            sending_services.examine(
                actor=auth_user(request),
                organization=org,
                criterion=criterion,
                met=payload.met,
                evidence=payload.evidence,
            ),
            lambda: _rows(request, org),
        )
    )


@router.post(
    "/sending-organizations/{organization_id}/decision",
    response=ONE,
    operation_id="sending_decide_sending_organization",
)
def decide(request: HttpRequest, organization_id: UUID, payload: DecisionIn) -> Any:
    """Approve (every criterion met) or refuse (with reasons); an approval goes to Japan."""
    org = _find(request, organization_id)
    if org is None:
        return not_found(_("No such sending organization."))
    return run(
        lambda: _detail(
            request,
            sending_services.decide(actor=auth_user(request), organization=org, **payload.dict()),
        )
    )


@router.post(
    "/sending-organizations/{organization_id}/status",
    response=ONE,
    operation_id="sending_change_sending_organization_status",
)
def change_status(
    request: HttpRequest, organization_id: UUID, payload: SendingOrganizationStatusIn
) -> Any:
    """Suspend, revoke, mark expired or reinstate; the notice goes to Japan."""
    org = _find(request, organization_id)
    if org is None:
        return not_found(_("No such sending organization."))
    return run(
        lambda: then(
            sending_services.change_status(
                actor=auth_user(request), organization=org, **payload.dict()
            ),
            lambda: _detail(request, org),
        )
    )


@router.get(
    "/frameworks/{code}/criteria",
    response={200: list[CriterionOut], **ERRORS},
    operation_id="sending_list_criteria",
)
def list_criteria(request: HttpRequest, code: str) -> Any:
    """The framework's approving standards."""
    framework = _framework(request, code)
    if framework is None:
        return not_found(_("No such framework."))
    return list(selectors.criteria_for(auth_user(request), framework).select_related("framework"))


@router.post(
    "/frameworks/{code}/criteria",
    response={201: CriterionOut, **ERRORS},
    operation_id="sending_add_criterion",
)
def add_criterion(request: HttpRequest, code: str, payload: CriterionIn) -> Any:
    framework = _framework(request, code)
    if framework is None:
        return not_found(_("No such framework."))
    return run(
        lambda: sending_services.save_criterion(
            actor=auth_user(request), framework=framework, **payload.dict()
        ),
        status=201,
    )


def _criterion(request: HttpRequest, criterion_id: UUID) -> ExaminationCriterion | None:
    frameworks = Framework.objects.visible_to(auth_user(request))
    return (
        ExaminationCriterion.objects.filter(framework__in=frameworks, pk=criterion_id)
        .select_related("framework")
        .first()
    )


@router.get(
    "/criteria/{criterion_id}",
    response={200: CriterionOut, **ERRORS},
    operation_id="sending_get_criterion",
)
def get_criterion(request: HttpRequest, criterion_id: UUID) -> Any:
    """One approving standard (its ETag guards an update, docs/api.md)."""
    criterion = _criterion(request, criterion_id)
    if criterion is None:
        return not_found(_("No such criterion."))
    return criterion


@router.put(
    "/criteria/{criterion_id}",
    response={200: CriterionOut, **ERRORS},
    operation_id="sending_update_criterion",
)
def update_criterion(request: HttpRequest, criterion_id: UUID, payload: CriterionIn) -> Any:
    criterion = _criterion(request, criterion_id)
    if criterion is None:
        return not_found(_("No such criterion."))
    return run(
        lambda: sending_services.save_criterion(
            actor=auth_user(request),
            framework=criterion.framework,
            criterion=criterion,
            **payload.dict(),
        )
    )
