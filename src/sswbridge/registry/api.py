from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router

from sswbridge.registry import selectors
from sswbridge.registry.models import Intermediary, SendingOrganization
from sswbridge.registry.schemas import IntermediaryOut, SendingOrganizationOut

router = Router(tags=["registry"])


@router.get("/intermediaries", response=list[IntermediaryOut])
def list_intermediaries(request: HttpRequest) -> list[Intermediary]:
    return list(selectors.intermediaries_for(request.auth))  # type: ignore[attr-defined]


@router.get("/intermediaries/{intermediary_id}", response=IntermediaryOut)
def get_intermediary(request: HttpRequest, intermediary_id: UUID) -> Intermediary:
    return get_object_or_404(selectors.intermediaries_for(request.auth), pk=intermediary_id)  # type: ignore[attr-defined]


@router.get("/sending-organizations", response=list[SendingOrganizationOut])
def list_sending_organizations(request: HttpRequest) -> list[SendingOrganization]:
    return list(selectors.sending_organizations_for(request.auth))  # type: ignore[attr-defined]


@router.get("/sending-organizations/{organization_id}", response=SendingOrganizationOut)
def get_sending_organization(request: HttpRequest, organization_id: UUID) -> SendingOrganization:
    return get_object_or_404(
        selectors.sending_organizations_for(request.auth),  # type: ignore[attr-defined]
        pk=organization_id,
    )
