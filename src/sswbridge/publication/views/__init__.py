from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sswbridge.frameworks.models import Framework, FrameworkStatus, SSWField


def landing(request: HttpRequest) -> HttpResponse:
    """The public landing page: no sign-in, only what is public."""
    frameworks = Framework.objects.filter(
        status__in=[FrameworkStatus.IN_FORCE, FrameworkStatus.SIGNED]
    ).select_related("partner_side")
    fields = SSWField.objects.filter(active=True)
    return render(request, "publication/landing.html", {"frameworks": frameworks, "fields": fields})
