from django.urls import path

from sswbridge.readlog import views

app_name = "readlog"
urlpatterns = [
    path("", views.read_list, name="list"),
]
