"""The administrator's page of peers and keys: this node's fingerprint and hosted sides, each
peer with its keys and delivery state (an alert when it has been unreachable too long), a
form to add a peer and a button to revoke a key."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sswbridge.accounts.decorators import staff_required, staff_user
from sswbridge.core import nodekey
from sswbridge.core.forms import apply_errors
from sswbridge.federation import alerts, hosting, services
from sswbridge.federation.forms import PeerForm
from sswbridge.federation.models import Peer, PeerKey
from sswbridge.frameworks.models import Framework


def _manageable(request: HttpRequest) -> list[Framework]:
    user = staff_user(request)
    return [f for f in user.visible_frameworks() if services.may_manage_peers(user, f)]


def _page(request: HttpRequest, form: PeerForm, status: int = 200) -> HttpResponse:
    user = staff_user(request)
    peers = (
        Peer.objects.visible_to(user).select_related("framework", "side").prefetch_related("keys")
    )
    states = alerts.states(peers)
    return render(
        request,
        "federation/peers.html",
        {
            "states": states,
            "alerts": [s for s in states if s.alert],
            "fingerprint": nodekey.grouped(nodekey.current().key_id),
            "public_key": nodekey.current().public.raw_base64,
            "hosted": hosting.describe(),
            "form": form,
        },
        status=status,
    )


@staff_required
def peer_list(request: HttpRequest) -> HttpResponse:
    if not services.may_manage_peers(staff_user(request)):
        raise PermissionDenied
    return _page(
        request,
        PeerForm(frameworks=Framework.objects.filter(pk__in=[f.pk for f in _manageable(request)])),
    )


@staff_required
@require_POST
def peer_add(request: HttpRequest) -> HttpResponse:
    if not services.may_manage_peers(staff_user(request)):
        raise PermissionDenied
    frameworks = Framework.objects.filter(pk__in=[f.pk for f in _manageable(request)])
    form = PeerForm(request.POST, frameworks=frameworks)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_peer(
                actor=staff_user(request),
                framework=data["framework"],
                side=data["side"],
                base_url=data["base_url"],
                public_key=data["public_key"],
                label=data["label"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The peer was registered."))
            return redirect("federation:peers")
    return _page(request, form, status=400)


@staff_required
@require_POST
def key_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    key = get_object_or_404(
        PeerKey.objects.select_related("peer__framework"),
        pk=pk,
        peer__in=Peer.objects.visible_to(user),
    )
    if not services.may_manage_peers(user, key.peer.framework):
        raise PermissionDenied
    try:
        services.revoke_key(actor=user, key=key)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The key was revoked; requests signed with it are refused."))
    return redirect("federation:peers")
