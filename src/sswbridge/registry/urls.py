from django.urls import path

from sswbridge.registry import views

app_name = "registry"
urlpatterns = [
    path("intermediaries/", views.intermediary_list, name="intermediary_list"),
    path("intermediaries/<uuid:pk>/", views.intermediary_detail, name="intermediary_detail"),
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
