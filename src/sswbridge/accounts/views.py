# Placeholder: the sign-in flow is being written.
from django.http import HttpRequest, HttpResponse


def _todo(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    return HttpResponse("not yet", status=501)


login_view = otp_view = enrol_view = recovery_codes_view = logout_view = _todo
tokens_view = token_revoke_view = _todo
