"""The registrars' pages of publication: the queue of what waits for a registrar's
confirmation, and each side's publication setting (under /registry/, as before they moved
here from the registry)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sswbridge.accounts.decorators import staff_required, staff_user
from sswbridge.core.actions import post_action
from sswbridge.core.forms import apply_errors
from sswbridge.frameworks.models import Framework
from sswbridge.publication import selectors as publication_selectors
from sswbridge.publication import services as publishing
from sswbridge.publication.forms import PublicationSettingsForm
from sswbridge.publication.models import PublicationStatus
from sswbridge.publication.services import NotPermitted

PAGE_SIZE = 50


def _save(form: PublicationSettingsForm, write: Any) -> Any:
    """Call the service for a valid form; its refusals become the form's errors (None then)."""
    try:
        return write()
    except ValidationError as exc:
        apply_errors(form, exc)
    except NotPermitted as exc:
        form.add_error(None, exc.message)
    return None


@staff_required
def publication_queue(request: HttpRequest) -> HttpResponse:
    """What waits for this side's confirmation, and what was published lately."""
    user = staff_user(request)
    own = publishing.portal_of(user.agency.side)
    mine = publication_selectors.publications_for(user).filter(portal=own)
    context = {
        "portal": own,
        "pending": mine.filter(status=PublicationStatus.PENDING).order_by("created_at", "id"),
        "published": mine.filter(status=PublicationStatus.PUBLISHED).order_by(
            "-published_at", "-id"
        )[:PAGE_SIZE],
        "frameworks": Framework.objects.visible_to(user),
    }
    return render(request, "publication/queue.html", context)


@staff_required
@require_POST
def publication_publish(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    item = get_object_or_404(publication_selectors.publications_for(user), pk=pk)
    return post_action(
        request,
        lambda: publishing.publish(actor=user, publication=item),
        done=_("Published."),
        back=redirect("publication:queue"),
        refusals=(NotPermitted,),
    )


@staff_required
def publication_settings(request: HttpRequest, code: str) -> HttpResponse:
    user = staff_user(request)
    framework = get_object_or_404(Framework.objects.visible_to(user), code=code)
    side = user.agency.side
    current = publishing.settings_for(framework, side)
    may_change = publishing.may_change_settings(user, framework)
    form = PublicationSettingsForm(
        request.POST or None, initial={"auto_publish_on_receipt": current.auto_publish_on_receipt}
    )
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        if form.is_valid():
            done = _save(
                form,
                lambda: publishing.update_settings(
                    actor=user, framework=framework, **form.cleaned_data
                ),
            )
            if done is not None:
                messages.success(request, _("Saved."))
                return redirect("publication:settings", code=framework.code)
    context = {"form": form, "framework": framework, "side": side, "may_change": may_change}
    return render(request, "publication/settings.html", context)
