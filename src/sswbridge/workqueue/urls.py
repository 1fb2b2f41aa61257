from django.urls import path

from sswbridge.workqueue import views

app_name = "workqueue"
urlpatterns = [
    path("", views.home, name="home"),
]
