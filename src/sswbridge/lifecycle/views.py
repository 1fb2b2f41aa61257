"""The framework's lifecycle page (clauses 9 and 10) and its actions."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sswbridge.accounts.decorators import staff_required, staff_user
from sswbridge.core.actions import post_action
from sswbridge.core.archive import FrameworkArchived
from sswbridge.frameworks.models import Framework
from sswbridge.lifecycle import selectors, services, signatures
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
    user = staff_user(request)
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
            "countdown": selectors.countdown(user, framework),
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
    context: dict[str, Any] = {"version": version}
    if version.amendment is not None:
        context.update(_signed(version.amendment))
    return render(request, "lifecycle/text_detail.html", context)


def _signed(amendment: Amendment) -> dict[str, Any]:
    """Each side's consent with its signature, checked now (clause 9's pair of signatures)."""
    consents = amendment.consents.select_related("side", "communication", "amendment")
    return {
        "consent_rows": [(c, signatures.signature(c)) for c in consents],
        "signed_by_both": signatures.both_verify(amendment),
    }


@staff_required
def amendment_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    amendment = _one(selectors.amendments_for(request.user), pk)
    return render(
        request,
        "lifecycle/amendment_detail.html",
        {
            "amendment": amendment,
            "may_consent": services.may_consent(staff_user(request), amendment),
            "letter_form": LetterForm(),
            **_signed(amendment),
        },
    )


REFUSALS = (services.LifecycleError, services.NotPermitted, FrameworkArchived)


def _back(code: str) -> HttpResponse:
    return redirect("lifecycle:framework", code=code)


@staff_required
@require_POST
def add_review(request: HttpRequest, code: str) -> HttpResponse:
    framework = _framework(request, code)
    form = ReviewForm(request.POST)
    return post_action(
        request,
        lambda: services.record_review(
            actor=staff_user(request), framework=framework, **form.cleaned_data
        ),
        done=_("The review was recorded."),
        back=_back(code),
        refusals=REFUSALS,
        form=form,
    )


@staff_required
@require_POST
def review_outcome(request: HttpRequest, pk: UUID) -> HttpResponse:
    review: FrameworkReview = _one(FrameworkReview.objects.visible_to(request.user), pk)
    form = OutcomeForm(request.POST)
    code = review.framework.code
    return post_action(
        request,
        lambda: services.record_review_outcome(
            actor=staff_user(request), review=review, outcome=form.cleaned_data["outcome"]
        ),
        done=_("The outcome of the review was recorded."),
        back=_back(code),
        refusals=REFUSALS,
        form=form,
    )


@staff_required
@require_POST
def record_signed_text(request: HttpRequest, code: str) -> HttpResponse:
    framework = _framework(request, code)
    form = SignedTextForm(request.POST)
    return post_action(
        request,
        lambda: services.record_signed_text(
            actor=staff_user(request), framework=framework, text=form.cleaned_data["text"]
        ),
        done=_("The signed text was recorded."),
        back=_back(code),
        refusals=REFUSALS,
        form=form,
    )


@staff_required
@require_POST
def propose_amendment(request: HttpRequest, code: str) -> HttpResponse:
    framework = _framework(request, code)
    form = AmendmentForm(request.POST)
    return post_action(
        request,
        lambda: services.propose_amendment(
            actor=staff_user(request), framework=framework, **form.cleaned_data
        ),
        done=_("The proposal was sent to the other side."),
        back=_back(code),
        refusals=REFUSALS,
        form=form,
    )


@staff_required
@require_POST
def consent_to_amendment(request: HttpRequest, pk: UUID) -> HttpResponse:
    amendment: Amendment = _one(selectors.amendments_for(request.user), pk)
    form = LetterForm(request.POST)
    note = form.cleaned_data["text"] if form.is_valid() else ""
    return post_action(
        request,
        lambda: services.consent_to_amendment(
            actor=staff_user(request), amendment=amendment, note=note
        ),
        done=_("Your side's written consent was sent."),
        back=_back(amendment.framework.code),
        refusals=REFUSALS,
    )


@staff_required
@require_POST
def give_notice(request: HttpRequest, code: str) -> HttpResponse:
    framework = _framework(request, code)
    form = LetterForm(request.POST)
    text = form.cleaned_data["text"] if form.is_valid() else ""
    return post_action(
        request,
        lambda: services.give_termination_notice(
            actor=staff_user(request), framework=framework, explanation=text
        ),
        done=_("The notice of termination was sent."),
        back=_back(code),
        refusals=REFUSALS,
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
    return post_action(
        request,
        lambda: services.request_withdrawal(
            actor=staff_user(request), notice=notice, explanation=text
        ),
        done=_("The request to withdraw the notice was sent."),
        back=_back(notice.framework.code),
        refusals=REFUSALS,
    )


@staff_required
@require_POST
def consent_to_withdrawal(request: HttpRequest, pk: UUID) -> HttpResponse:
    notice = _notice(request, pk)
    form = LetterForm(request.POST)
    text = form.cleaned_data["text"] if form.is_valid() else ""
    return post_action(
        request,
        lambda: services.consent_to_withdrawal(actor=staff_user(request), notice=notice, note=text),
        done=_("The notice of termination is withdrawn."),
        back=_back(notice.framework.code),
        refusals=REFUSALS,
    )
