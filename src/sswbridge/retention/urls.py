from django.urls import path

from sswbridge.retention import views

app_name = "retention"
urlpatterns = [
    path("", views.policies, name="policies"),
]
