from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from sswbridge.accounts.admin_site import admin_site
from sswbridge.api.api import api
from sswbridge.security.redirects import set_language

# A transient database conflict that escaped the retry answers 503, not 500.
handler500 = "sswbridge.core.middleware.server_error"

urlpatterns = [
    path("", include("sswbridge.publication.urls")),
    path("i18n/setlang/", set_language, name="set_language"),  # Django's, `next` checked
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/", include("sswbridge.accounts.urls")),
    path("home/", include("sswbridge.workqueue.urls")),
    path("frameworks/", include("sswbridge.frameworks.urls")),
    path("registry/", include("sswbridge.orders.urls")),
    path("registry/", include("sswbridge.sending.urls")),
    path("registry/", include("sswbridge.intermediaries.urls")),
    path("exchange/", include("sswbridge.exchange.urls")),
    path("cases/", include("sswbridge.cases.urls")),
    path("consultations/", include("sswbridge.consultations.urls")),
    path("lifecycle/", include("sswbridge.lifecycle.urls")),
    path("disclosure/", include("sswbridge.disclosure.urls")),
    path("suspensions/", include("sswbridge.suspensions.urls")),
    path("support/", include("sswbridge.support.urls")),
    path("screening/", include("sswbridge.screening.urls")),
    path("audit/", include("sswbridge.audit.urls")),
    path("retention/", include("sswbridge.retention.urls")),
    path("reads/", include("sswbridge.readlog.urls")),
    path("federation/", include("sswbridge.federation.urls")),
    path("webhooks/", include("sswbridge.webhooks.urls")),
    path("admin/", admin_site.urls),
    path("api/v1/", api.urls),
]
