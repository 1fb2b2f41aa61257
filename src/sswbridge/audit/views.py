# Placeholder: the auditor's browser is being written.
from django.http import HttpRequest, HttpResponse


def audit_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("not yet", status=501)
