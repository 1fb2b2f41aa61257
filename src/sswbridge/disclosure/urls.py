from django.urls import path

from sswbridge.disclosure import views

app_name = "disclosure"
urlpatterns = [
    path("", views.request_list, name="list"),
    path("new/", views.new_request, name="new"),
    path("ledger/", views.ledger, name="ledger"),
    path("<uuid:pk>/", views.request_detail, name="detail"),
    path("<uuid:pk>/grant/", views.grant, name="grant"),
    path("<uuid:pk>/refuse/", views.refuse, name="refuse"),
    path("<uuid:pk>/consent.pdf", views.consent_pdf, name="consent_pdf"),
    path("<uuid:pk>/export/", views.export, name="export"),
    path("packages/<uuid:pk>/", views.package_download, name="package"),
]
