"""Pages of publication: the queue of what waits for a registrar's confirmation, and each
side's publication setting."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sswbridge.accounts.decorators import staff_required
from sswbridge.core.actions import post_action
from sswbridge.frameworks.models import Framework
from sswbridge.publication import selectors as publication_selectors
from sswbridge.publication import services as publishing
from sswbridge.publication.models import PublicationStatus
from sswbridge.publication.services import NotPermitted
from sswbridge.registry.forms_registers import (
    PublicationSettingsForm,
)
from sswbridge.registry.view_helpers import run

PAGE_SIZE = 50


@staff_required
def publication_queue(request: HttpRequest) -> HttpResponse:
    """What waits for this side's confirmation, and what was published lately."""
    user = request.user
    own = publishing.portal_of(user.agency.side)  # type: ignore[union-attr]
    mine = publication_selectors.publications_for(user).filter(portal=own)
    context = {
        "portal": own,
        "pending": mine.filter(status=PublicationStatus.PENDING).order_by("created_at", "id"),
        "published": mine.filter(status=PublicationStatus.PUBLISHED).order_by(
            "-published_at", "-id"
        )[:PAGE_SIZE],
        "frameworks": Framework.objects.visible_to(user),
    }
    return render(request, "registry/publication_queue.html", context)


@staff_required
@require_POST
def publication_publish(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(publication_selectors.publications_for(request.user), pk=pk)
    return post_action(
        request,
        lambda: publishing.publish(actor=request.user, publication=item),
        done=_("Published."),
        back=redirect("registry:publication_queue"),
        refusals=(NotPermitted,),
    )


@staff_required
def publication_settings(request: HttpRequest, code: str) -> HttpResponse:
    framework = get_object_or_404(Framework.objects.visible_to(request.user), code=code)
    side = request.user.agency.side  # type: ignore[union-attr]
    current = publishing.settings_for(framework, side)
    may_change = publishing.may_change_settings(request.user, framework)
    form = PublicationSettingsForm(
        request.POST or None, initial={"auto_publish_on_receipt": current.auto_publish_on_receipt}
    )
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        if form.is_valid():
            done = run(
                form,
                lambda: publishing.update_settings(
                    actor=request.user, framework=framework, **form.cleaned_data
                ),
            )
            if done is not None:
                messages.success(request, _("Saved."))
                return redirect("registry:publication_settings", code=framework.code)
    context = {"form": form, "framework": framework, "side": side, "may_change": may_change}
    return render(request, "registry/publication_settings.html", context)
