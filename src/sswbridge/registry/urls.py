from django.urls import path

from sswbridge.registry import (
    views,
    views_investigations,
    views_merges,
    views_sending,
)

app_name = "registry"
urlpatterns = [
    path("intermediaries/", views.intermediary_list, name="intermediary_list"),
    path("intermediaries/new/", views.intermediary_create, name="intermediary_create"),
    path("intermediaries/<uuid:pk>/", views.intermediary_detail, name="intermediary_detail"),
    path("intermediaries/duplicates/", views_merges.duplicate_list, name="duplicate_list"),
    path(
        "intermediaries/<uuid:pk>/merge/<uuid:source_pk>/",
        views_merges.intermediary_merge,
        name="intermediary_merge",
    ),
    path(
        "intermediaries/<uuid:pk>/not-duplicate/<uuid:other_pk>/",
        views_merges.intermediary_not_duplicate,
        name="intermediary_not_duplicate",
    ),
    path("intermediaries/merges/<uuid:pk>/", views_merges.merge_detail, name="merge_detail"),
    path("intermediaries/merges/<uuid:pk>/undo/", views_merges.merge_undo, name="merge_undo"),
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
        views_sending.sending_organization_list,
        name="sending_organization_list",
    ),
    path(
        "sending-organizations/new/",
        views_sending.sending_organization_create,
        name="sending_organization_create",
    ),
    path(
        "sending-organizations/<uuid:pk>/",
        views_sending.sending_organization_detail,
        name="sending_organization_detail",
    ),
    path(
        "sending-organizations/<uuid:pk>/edit/",
        views_sending.sending_organization_edit,
        name="sending_organization_edit",
    ),
    path(
        "sending-organizations/<uuid:pk>/examination/",
        views_sending.sending_organization_examine,
        name="sending_organization_examine",
    ),
    path(
        "sending-organizations/<uuid:pk>/decision/",
        views_sending.sending_organization_decide,
        name="sending_organization_decide",
    ),
    path(
        "sending-organizations/<uuid:pk>/status/",
        views_sending.sending_organization_status,
        name="sending_organization_status",
    ),
    path("frameworks/<slug:code>/criteria/", views_sending.criterion_list, name="criterion_list"),
    path(
        "frameworks/<slug:code>/criteria/new/",
        views_sending.criterion_create,
        name="criterion_create",
    ),
    path("criteria/<uuid:pk>/edit/", views_sending.criterion_edit, name="criterion_edit"),
    path("investigations/", views_investigations.investigation_list, name="investigation_list"),
    path(
        "investigations/open/<uuid:notice_pk>/",
        views_investigations.investigation_open,
        name="investigation_open",
    ),
    path(
        "investigations/<uuid:pk>/",
        views_investigations.investigation_detail,
        name="investigation_detail",
    ),
    path(
        "investigations/<uuid:pk>/actions/",
        views_investigations.investigation_action_add,
        name="investigation_action_add",
    ),
    path(
        "investigations/<uuid:pk>/report/",
        views_investigations.investigation_report,
        name="investigation_report",
    ),
]
