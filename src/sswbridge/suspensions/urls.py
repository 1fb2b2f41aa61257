from django.urls import path

from sswbridge.suspensions import bulk_views, views

app_name = "suspensions"
urlpatterns = [
    path("", views.suspension_list, name="list"),
    path("new/", views.suspension_create, name="create"),
    path("<uuid:pk>/", views.suspension_detail, name="detail"),
    path("<uuid:pk>/lift/", views.lift, name="lift"),
    path("<uuid:pk>/persons/", views.add_person, name="person_add"),
    path("<uuid:pk>/persons/upload/", bulk_views.upload, name="person_upload"),
    path("persons/template.csv", bulk_views.template, name="person_template"),
    path("persons/<uuid:pk>/", views.person_detail, name="person"),
    path("persons/<uuid:pk>/travel/", bulk_views.request_travel, name="travel_request"),
    path("travel/<uuid:pk>/advance/", bulk_views.advance_travel, name="travel_advance"),
    path("persons/<uuid:pk>/update/", views.update_person, name="person_update"),
    path("persons/<uuid:pk>/dependants/", views.add_dependant, name="dependant_add"),
    path("persons/<uuid:pk>/return/", views.request_return, name="return_request"),
    path("returns/", views.return_dashboard, name="returns"),
    path("returns/<uuid:pk>/", views.return_detail, name="return_detail"),
    path("returns/<uuid:pk>/advance/", views.advance_return, name="return_advance"),
]
