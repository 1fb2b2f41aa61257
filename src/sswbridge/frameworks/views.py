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
from sswbridge.frameworks import services, sides
from sswbridge.frameworks.forms import SideCalendarForm, SideClosureForm, SSWFieldForm
from sswbridge.frameworks.models import ContactPoint, Framework, SideClosure, SSWField


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


@staff_required
def side_calendar(request: HttpRequest, code: str) -> HttpResponse:
    """A side's calendar: its time zone, weekend days and closures; its own administrators
    change them here (answer periods also skip the country's public holidays)."""
    user = staff_user(request)
    side = get_object_or_404(sides.visible_sides(user), code=code)
    may_edit = sides.may_edit_calendar(user, side)
    calendar_form = SideCalendarForm(
        request.POST if "save_calendar" in request.POST else None,
        initial={"time_zone": side.time_zone, "weekend_days": side.weekend_days},
    )
    closure_form = SideClosureForm(request.POST if "add_closure" in request.POST else None)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        if "remove_closure" in request.POST:
            closure = get_object_or_404(
                SideClosure, pk=request.POST.get("remove_closure") or 0, side=side
            )
            sides.remove_closure(actor=user, closure=closure)
            messages.success(request, _("The closure was removed."))
            return redirect("frameworks:side_calendar", code=side.code)
        if calendar_form.is_bound and calendar_form.is_valid():
            data = calendar_form.cleaned_data
            if run_on_form(
                calendar_form,
                lambda: sides.set_calendar(
                    actor=user,
                    side=side,
                    time_zone=data["time_zone"],
                    weekend_days=list(data["weekend_days"]),
                ),
            ):
                messages.success(request, _("The calendar was saved."))
                return redirect("frameworks:side_calendar", code=side.code)
        if closure_form.is_bound and closure_form.is_valid():
            data = closure_form.cleaned_data
            if run_on_form(closure_form, lambda: sides.add_closure(actor=user, side=side, **data)):
                messages.success(request, _("The closure was added."))
                return redirect("frameworks:side_calendar", code=side.code)
    return render(
        request,
        "frameworks/side_calendar.html",
        {
            "side": side,
            "closures": SideClosure.objects.filter(side=side),
            "may_edit": may_edit,
            "calendar_form": calendar_form,
            "closure_form": closure_form,
        },
    )
