from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from sswbridge.accounts.decorators import role_required, staff_required, staff_user
from sswbridge.accounts.models import Role
from sswbridge.core import concurrency
from sswbridge.core.actions import run_on_form
from sswbridge.frameworks import services
from sswbridge.frameworks.forms import SSWFieldForm
from sswbridge.frameworks.models import ContactPoint, Framework, SSWField


@staff_required
def framework_list(request: HttpRequest) -> HttpResponse:
    frameworks = Framework.objects.visible_to(request.user).select_related("partner_side")
    return render(request, "frameworks/framework_list.html", {"frameworks": frameworks})


@staff_required
def framework_detail(request: HttpRequest, code: str) -> HttpResponse:
    framework = get_object_or_404(
        Framework.objects.visible_to(request.user).select_related("partner_side"), code=code
    )
    contact_points = ContactPoint.objects.filter(framework=framework).select_related(
        "side", "agency"
    )
    agencies = [(side, list(side.agencies.order_by("code"))) for side in framework.sides()]
    return render(
        request,
        "frameworks/framework_detail.html",
        {"framework": framework, "contact_points": contact_points, "agencies": agencies},
    )


@staff_required
def field_list(request: HttpRequest) -> HttpResponse:
    can_edit = services.may_edit_fields(staff_user(request))
    return render(
        request,
        "frameworks/field_list.html",
        {"fields": SSWField.objects.all(), "can_edit": can_edit},
    )


@role_required(Role.REGISTRAR, Role.ADMINISTRATOR)
def field_edit(request: HttpRequest, code: str | None = None) -> HttpResponse:
    if not services.may_edit_fields(staff_user(request)):
        raise PermissionDenied
    field = get_object_or_404(SSWField, code=code) if code else None
    form = SSWFieldForm(request.POST or None, instance=field)
    if request.method == "POST" and form.is_valid():

        def save() -> SSWField:
            return services.save_ssw_field(
                actor=staff_user(request), field=field, data=form.cleaned_data
            )

        if run_on_form(
            form, (lambda: concurrency.guarded(request, field, save)) if field else save
        ):
            messages.success(request, _("The field was saved."))
            return redirect("frameworks:field_list")
    version = concurrency.seen_version(request, field) if field else ""
    context = {"form": form, "field": field, "record_version": version}
    return render(request, "frameworks/field_form.html", context)
