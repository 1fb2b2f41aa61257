"""The improvement-order register's pages, under /registry/ as before the registry's split."""

from django.urls import path

from sswbridge.orders import views

app_name = "orders"

urlpatterns = [
    path("improvement-orders/", views.improvement_order_list, name="improvement_order_list"),
    path(
        "improvement-orders/new/",
        views.improvement_order_create,
        name="improvement_order_create",
    ),
    path(
        "improvement-orders/<uuid:pk>/",
        views.improvement_order_detail,
        name="improvement_order_detail",
    ),
    path(
        "improvement-orders/<uuid:pk>/outcome/",
        views.improvement_order_outcome,
        name="improvement_order_outcome",
    ),
]
