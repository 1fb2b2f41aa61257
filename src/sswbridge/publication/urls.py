from django.urls import path

from sswbridge.publication import views, views_portal, views_registers, views_support

app_name = "publication"
urlpatterns = [
    path("", views.landing, name="landing"),
    path("portal/", views_portal.portals, name="portals"),
    path("portal/<str:country>/", views_portal.portal, name="portal"),
    path("portal/<str:country>/search/", views_portal.portal_search_view, name="search"),
    path("portal/<str:country>/verify/", views_portal.verify, name="verify"),
    path(
        "portal/<str:country>/support-organizations/",
        views_support.support_organizations,
        name="support_organizations",
    ),
    path(
        "portal/<str:country>/support-organizations/<str:number>/",
        views_support.support_organization,
        name="support_organization",
    ),
    path(
        "portal/<str:country>/sending-organizations/",
        views_registers.sending_organizations,
        name="sending_organizations",
    ),
    path(
        "portal/<str:country>/sending-organizations/<uuid:pk>/",
        views_registers.sending_organization,
        name="sending_organization",
    ),
    path(
        "portal/<str:country>/improvement-orders/",
        views_registers.improvement_orders,
        name="improvement_orders",
    ),
    path(
        "portal/<str:country>/improvement-orders/<uuid:pk>/",
        views_registers.improvement_order,
        name="improvement_order",
    ),
]
