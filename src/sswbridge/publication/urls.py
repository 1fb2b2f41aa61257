from django.urls import path

from sswbridge.publication import views

app_name = "publication"
urlpatterns = [
    path("", views.landing, name="landing"),
]
