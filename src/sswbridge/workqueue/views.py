from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sswbridge.accounts.decorators import staff_required
from sswbridge.accounts.models import Role
from sswbridge.audit.models import AuditEntry
from sswbridge.frameworks.models import ContactPoint, Framework, SSWField
from sswbridge.intermediaries import selectors as intermediary_selectors
from sswbridge.sending import selectors as sending_selectors


@staff_required
def home(request: HttpRequest) -> HttpResponse:
    """A dashboard per role: what this user is expected to look at first."""
    user: Any = request.user
    frameworks = Framework.objects.visible_to(user).select_related("partner_side")
    context: dict[str, Any] = {
        "frameworks": frameworks,
        "intermediary_count": intermediary_selectors.intermediaries_for(user).count(),
        "sending_organization_count": sending_selectors.sending_organizations_for(user).count(),
        "field_count": SSWField.objects.filter(active=True).count(),
        "my_contact_points": ContactPoint.objects.filter(
            agency=user.agency, framework__in=frameworks
        ).select_related("framework__partner_side"),
        "role": user.role,
        "Role": Role,
    }
    if user.role in (Role.AUDITOR, Role.ADMINISTRATOR):
        context["recent_audit"] = AuditEntry.objects.visible_to(user)[:10]
    return render(request, "workqueue/home.html", context)
