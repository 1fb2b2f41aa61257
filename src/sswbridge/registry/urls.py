from django.urls import path

from sswbridge.registry import views

app_name = "registry"
urlpatterns = [
    path("intermediaries/", views.intermediary_list, name="intermediary_list"),
    path("intermediaries/new/", views.intermediary_create, name="intermediary_create"),
    path("intermediaries/<uuid:pk>/", views.intermediary_detail, name="intermediary_detail"),
    path("intermediaries/<uuid:pk>/edit/", views.intermediary_edit, name="intermediary_edit"),
    path(
        "intermediaries/<uuid:pk>/names/add/",
        views.intermediary_add_name,
        name="intermediary_add_name",
    ),
    path(
        "intermediaries/<uuid:pk>/identifiers/add/",
        views.intermediary_add_identifier,
        name="intermediary_add_identifier",
    ),
    path(
        "intermediaries/<uuid:pk>/links/add/",
        views.intermediary_link_person,
        name="intermediary_link_person",
    ),
    path(
        "sending-organizations/",
        views.sending_organization_list,
        name="sending_organization_list",
    ),
    path(
        "sending-organizations/<uuid:pk>/",
        views.sending_organization_detail,
        name="sending_organization_detail",
    ),
]
