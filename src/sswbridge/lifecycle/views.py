"""The framework's lifecycle page (clauses 9 and 10) and its actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sswbridge.accounts.decorators import staff_required
from sswbridge.core.archive import FrameworkArchived
from sswbridge.frameworks.models import Framework
from sswbridge.lifecycle import selectors, services
from sswbridge.lifecycle.forms import (
    AmendmentForm,
    LetterForm,
    OutcomeForm,
    ReviewForm,
    SignedTextForm,
)
from sswbridge.lifecycle.models import Amendment, FrameworkReview, TerminationNotice


def _framework(request: HttpRequest, code: str) -> Framework:
    found = selectors.framework_for(request.user, code)
    if found is None:
        raise Http404
    return found


def _one(qs: Any, pk: UUID) -> Any:
    found = qs.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@staff_required
def framework_lifecycle(request: HttpRequest, code: str) -> HttpResponse:
    framework = _framework(request, code)
    user = request.user
    amendments = list(selectors.amendments_for(user, framework))
    for a in amendments:
        a.may_consent = services.may_consent(user, a)  # type: ignore[attr-defined]
    notices = list(selectors.notices_for(user, framework))
    for n in notices:
        n.may_request = services.may_request_withdrawal(user, n)  # type: ignore[attr-defined]
        n.may_consent = services.may_consent_to_withdrawal(user, n)  # type: ignore[attr-defined]
    texts = list(selectors.texts_for(user, framework))
    formal = services.may_act_formally(user)
    running = any(n.is_pending for n in notices)
    return render(
        request,
        "lifecycle/framework.html",
        {
            "framework": framework,
            "countdown": selectors.countdown(framework),
            "texts": texts,
            "amendments": amendments,
            "notices": notices,
            "reviews": selectors.reviews_for(user, framework),
            "may_record": services.may_record(user),
            "review_form": ReviewForm(),
            "outcome_form": OutcomeForm(),
            "signed_text_form": SignedTextForm() if formal and not texts else None,
            "amendment_form": AmendmentForm() if formal else None,
            "notice_form": LetterForm() if formal and not running else None,
            "letter_form": LetterForm(),
        },
    )


@staff_required
def text_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    version = _one(selectors.texts_for(request.user), pk)
    return render(request, "lifecycle/text_detail.html", {"version": version})


@staff_required
def amendment_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    amendment = _one(selectors.amendments_for(request.user), pk)
    return render(
        request,
        "lifecycle/amendment_detail.html",
        {
            "amendment": amendment,
            "may_consent": services.may_consent(request.user, amendment),
            "letter_form": LetterForm(),
        },
    )


def _act(request: HttpRequest, code: str, action: Callable[[], Any], done: str) -> HttpResponse:
    try:
        action()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    except (services.LifecycleError, services.NotPermitted, FrameworkArchived) as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("lifecycle:framework", code=code)


def _invalid(request: HttpRequest, code: str, form: Any) -> HttpResponse:
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)
    return redirect("lifecycle:framework", code=code)


@staff_required
@require_POST
def add_review(request: HttpRequest, code: str) -> HttpResponse:
    framework = _framework(request, code)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _invalid(request, code, form)
    return _act(
        request,
        code,
        lambda: services.record_review(
            actor=request.user, framework=framework, **form.cleaned_data
        ),
        _("The review was recorded."),
    )


@staff_required
@require_POST
def review_outcome(request: HttpRequest, pk: UUID) -> HttpResponse:
    review: FrameworkReview = _one(FrameworkReview.objects.visible_to(request.user), pk)
    form = OutcomeForm(request.POST)
    code = review.framework.code
    if not form.is_valid():
        return _invalid(request, code, form)
    return _act(
        request,
        code,
        lambda: services.record_review_outcome(
            actor=request.user, review=review, outcome=form.cleaned_data["outcome"]
        ),
        _("The outcome of the review was recorded."),
    )


@staff_required
@require_POST
def record_signed_text(request: HttpRequest, code: str) -> HttpResponse:
    framework = _framework(request, code)
    form = SignedTextForm(request.POST)
    if not form.is_valid():
        return _invalid(request, code, form)
    return _act(
        request,
        code,
        lambda: services.record_signed_text(
            actor=request.user, framework=framework, text=form.cleaned_data["text"]
        ),
        _("The signed text was recorded."),
    )


@staff_required
@require_POST
def propose_amendment(request: HttpRequest, code: str) -> HttpResponse:
    framework = _framework(request, code)
    form = AmendmentForm(request.POST)
    if not form.is_valid():
        return _invalid(request, code, form)
    return _act(
        request,
        code,
        lambda: services.propose_amendment(
            actor=request.user, framework=framework, **form.cleaned_data
        ),
        _("The proposal was sent to the other side."),
    )


@staff_required
@require_POST
def consent_to_amendment(request: HttpRequest, pk: UUID) -> HttpResponse:
    amendment: Amendment = _one(selectors.amendments_for(request.user), pk)
    form = LetterForm(request.POST)
    note = form.cleaned_data["text"] if form.is_valid() else ""
    return _act(
        request,
        amendment.framework.code,
        lambda: services.consent_to_amendment(actor=request.user, amendment=amendment, note=note),
        _("Your side's written consent was sent."),
    )


@staff_required
@require_POST
def give_notice(request: HttpRequest, code: str) -> HttpResponse:
    framework = _framework(request, code)
    form = LetterForm(request.POST)
    text = form.cleaned_data["text"] if form.is_valid() else ""
    return _act(
        request,
        code,
        lambda: services.give_termination_notice(
            actor=request.user, framework=framework, explanation=text
        ),
        _("The notice of termination was sent."),
    )


def _notice(request: HttpRequest, pk: UUID) -> TerminationNotice:
    found: TerminationNotice = _one(selectors.notices_for(request.user), pk)
    return found


@staff_required
@require_POST
def request_withdrawal(request: HttpRequest, pk: UUID) -> HttpResponse:
    notice = _notice(request, pk)
    form = LetterForm(request.POST)
    text = form.cleaned_data["text"] if form.is_valid() else ""
    return _act(
        request,
        notice.framework.code,
        lambda: services.request_withdrawal(actor=request.user, notice=notice, explanation=text),
        _("The request to withdraw the notice was sent."),
    )


@staff_required
@require_POST
def consent_to_withdrawal(request: HttpRequest, pk: UUID) -> HttpResponse:
    notice = _notice(request, pk)
    form = LetterForm(request.POST)
    text = form.cleaned_data["text"] if form.is_valid() else ""
    return _act(
        request,
        notice.framework.code,
        lambda: services.consent_to_withdrawal(actor=request.user, notice=notice, note=text),
        _("The notice of termination is withdrawn."),
    )
