from django.urls import path

from sswbridge.publication import views
from sswbridge.publication.views import portal, queue, registers

app_name = "publication"
urlpatterns = [
    path("", views.landing, name="landing"),
    path("portal/", portal.portals, name="portals"),
    path("portal/<str:country>/", portal.portal, name="portal"),
    path("portal/<str:country>/search/", portal.portal_search_view, name="search"),
    path("portal/<str:country>/verify/", portal.verify, name="verify"),
    path(
        "portal/<str:country>/support-organizations/",
        registers.list_page("support_organizations"),
        name="support_organizations",
    ),
    path(
        "portal/<str:country>/support-organizations/<str:number>/",
        registers.item_page("support_organizations"),
        name="support_organization",
    ),
    path(
        "portal/<str:country>/sending-organizations/",
        registers.list_page("sending_organizations"),
        name="sending_organizations",
    ),
    path(
        "portal/<str:country>/sending-organizations/<uuid:pk>/",
        registers.item_page("sending_organizations"),
        name="sending_organization",
    ),
    path(
        "portal/<str:country>/improvement-orders/",
        registers.list_page("improvement_orders"),
        name="improvement_orders",
    ),
    path(
        "portal/<str:country>/improvement-orders/<uuid:pk>/",
        registers.item_page("improvement_orders"),
        name="improvement_order",
    ),
    # The registrars' pages, at their paths of the registry.
    path("registry/publications/", queue.publication_queue, name="queue"),
    path("registry/publications/<int:pk>/publish/", queue.publication_publish, name="publish"),
    path(
        "registry/frameworks/<slug:code>/publication/",
        queue.publication_settings,
        name="settings",
    ),
]
