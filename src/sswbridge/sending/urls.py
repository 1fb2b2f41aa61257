"""The sending organizations' pages, under /registry/ as before the registry's split."""

from django.urls import path

from sswbridge.sending.views import investigations, organizations

app_name = "sending"

urlpatterns = [
    path(
        "sending-organizations/",
        organizations.sending_organization_list,
        name="sending_organization_list",
    ),
    path(
        "sending-organizations/new/",
        organizations.sending_organization_create,
        name="sending_organization_create",
    ),
    path(
        "sending-organizations/<uuid:pk>/",
        organizations.sending_organization_detail,
        name="sending_organization_detail",
    ),
    path(
        "sending-organizations/<uuid:pk>/edit/",
        organizations.sending_organization_edit,
        name="sending_organization_edit",
    ),
    path(
        "sending-organizations/<uuid:pk>/examination/",
        organizations.sending_organization_examine,
        name="sending_organization_examine",
    ),
    path(
        "sending-organizations/<uuid:pk>/decision/",
        organizations.sending_organization_decide,
        name="sending_organization_decide",
    ),
    path(
        "sending-organizations/<uuid:pk>/status/",
        organizations.sending_organization_status,
        name="sending_organization_status",
    ),
    path("frameworks/<slug:code>/criteria/", organizations.criterion_list, name="criterion_list"),
    path(
        "frameworks/<slug:code>/criteria/new/",
        organizations.criterion_create,
        name="criterion_create",
    ),
    path("criteria/<uuid:pk>/edit/", organizations.criterion_edit, name="criterion_edit"),
    path("investigations/", investigations.investigation_list, name="investigation_list"),
    path(
        "investigations/open/<uuid:notice_pk>/",
        investigations.investigation_open,
        name="investigation_open",
    ),
    path(
        "investigations/<uuid:pk>/",
        investigations.investigation_detail,
        name="investigation_detail",
    ),
    path(
        "investigations/<uuid:pk>/actions/",
        investigations.investigation_action_add,
        name="investigation_action_add",
    ),
    path(
        "investigations/<uuid:pk>/report/",
        investigations.investigation_report,
        name="investigation_report",
    ),
]
