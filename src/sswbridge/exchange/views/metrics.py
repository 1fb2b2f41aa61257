"""The metrics dashboard and each framework's answer periods."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from sswbridge.accounts.decorators import staff_required, staff_user
from sswbridge.exchange import metrics, periods
from sswbridge.exchange.forms import AnswerPeriodForm
from sswbridge.frameworks.models import Framework


@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    frameworks = Framework.objects.visible_to(staff_user(request))
    framework = frameworks.filter(code=request.GET.get("framework", "")).first()
    rows = metrics.metrics_for(staff_user(request), framework)
    return render(
        request,
        "exchange/metrics.html",
        {
            "rows": rows,
            "chart": metrics.chart(rows),
            "frameworks": frameworks,
            "framework": framework,
        },
    )


@staff_required
def answer_periods(request: HttpRequest, code: str) -> HttpResponse:
    framework = get_object_or_404(Framework.objects.visible_to(staff_user(request)), code=code)
    current = periods.periods_for(framework)
    editable = periods.may_edit(staff_user(request), framework)
    form = AnswerPeriodForm(request.POST or None, periods=current)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if form.is_valid():
            try:
                for period in current:
                    wanted = form.cleaned_data.get(period.kind.key)
                    now = None if period.is_default else period.business_days
                    if wanted != now:
                        periods.set_answer_days(
                            actor=staff_user(request),
                            framework=framework,
                            kind=period.kind.key,
                            business_days=wanted,
                        )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("The answer periods are saved."))
                return redirect("exchange:answer_periods", code=framework.code)
    return render(
        request,
        "exchange/answer_periods.html",
        {"framework": framework, "periods": current, "form": form, "editable": editable},
    )
