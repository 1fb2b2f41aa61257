from django.urls import path

from sswbridge.support import views

app_name = "support"
urlpatterns = [
    path("", views.organization_list, name="organization_list"),
    path("imports/", views.import_list, name="import_list"),
    path("imports/<uuid:pk>/", views.import_detail, name="import_detail"),
]
