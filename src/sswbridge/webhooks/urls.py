from django.urls import path

from sswbridge.webhooks import views

app_name = "webhooks"
urlpatterns = [
    path("", views.endpoint_list, name="endpoints"),
    path("add/", views.endpoint_add, name="endpoint_add"),
    path("<int:pk>/", views.endpoint_detail, name="endpoint"),
    path("<int:pk>/deactivate/", views.endpoint_deactivate, name="endpoint_deactivate"),
]
