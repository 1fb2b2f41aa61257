from django.urls import path

from sswbridge.registry import views_investigations, views_orders, views_sending

app_name = "registry"
urlpatterns = [
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
    path(
        "frameworks/<slug:code>/publication/",
        views_orders.publication_settings,
        name="publication_settings",
    ),
    path("publications/", views_orders.publication_queue, name="publication_queue"),
    path(
        "publications/<int:pk>/publish/",
        views_orders.publication_publish,
        name="publication_publish",
    ),
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
