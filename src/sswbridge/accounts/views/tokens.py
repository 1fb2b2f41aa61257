"""A user's own API tokens: list, create (the key is shown once), revoke."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from sswbridge.accounts import services
from sswbridge.accounts.decorators import staff_required, staff_user
from sswbridge.accounts.forms import ApiTokenForm
from sswbridge.accounts.models import ApiToken
from sswbridge.accounts.signin import NEW_TOKEN_SESSION_KEY


@staff_required
@never_cache
def tokens_view(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = staff_user(request)
        _token, raw = services.issue_token(actor=user, user=user, name=form.cleaned_data["name"])
        request.session[NEW_TOKEN_SESSION_KEY] = raw
        return redirect("accounts:tokens")
    return render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "tokens": ApiToken.objects.filter(user=staff_user(request)),
            "new_token": request.session.pop(NEW_TOKEN_SESSION_KEY, None),
        },
    )


@staff_required
def token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    """POST only; another user's token is 404 whatever the method."""
    token = get_object_or_404(ApiToken, pk=pk, user_id=request.user.pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.revoke_token(actor=staff_user(request), token=token)
    messages.success(
        request, _("The token %(prefix)s… was revoked.") % {"prefix": token.key_prefix}
    )
    return redirect("accounts:tokens")
