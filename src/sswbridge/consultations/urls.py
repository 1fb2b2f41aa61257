from django.urls import path

from sswbridge.consultations import views

app_name = "consultations"
urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("new/", views.consultation_create, name="create"),
    path("<uuid:pk>/", views.consultation_detail, name="detail"),
    path("<uuid:pk>/calendar.ics", views.consultation_ics, name="ics"),
    path("<uuid:pk>/status/", views.change_status, name="status"),
    path("<uuid:pk>/participants/", views.add_participant, name="participant_add"),
    path("<uuid:pk>/agenda/", views.add_agenda_item, name="agenda_add"),
    path("<uuid:pk>/agenda/<uuid:item_pk>/outcome/", views.record_outcome, name="outcome"),
    path("<uuid:pk>/minutes/", views.draft_minutes, name="minutes_draft"),
    path(
        "<uuid:pk>/minutes/<uuid:version_pk>/approve/",
        views.approve_minutes,
        name="minutes_approve",
    ),
    path("<uuid:pk>/actions/", views.add_action_item, name="action_add"),
    path("<uuid:pk>/actions/<uuid:action_pk>/", views.update_action_item, name="action_update"),
]
