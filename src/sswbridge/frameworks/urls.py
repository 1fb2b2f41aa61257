from django.urls import path

from sswbridge.frameworks import views

app_name = "frameworks"
urlpatterns = [
    path("", views.framework_list, name="list"),
    path("fields/", views.field_list, name="field_list"),
    path("fields/new/", views.field_edit, name="field_create"),
    path("fields/<slug:code>/edit/", views.field_edit, name="field_edit"),
    path("sides/<str:code>/calendar/", views.side_calendar, name="side_calendar"),
    path("<slug:code>/", views.framework_detail, name="detail"),
]
