from django.urls import path

from sswbridge.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_create, name="create"),
    path("link/", views.link, name="link"),
    path("<uuid:pk>/", views.case_detail, name="detail"),
    path("<uuid:pk>/status/", views.change_status, name="status"),
    path("<uuid:pk>/close/", views.close, name="close"),
    path("<uuid:pk>/reopen/", views.reopen, name="reopen"),
    path("<uuid:pk>/tasks/", views.add_task, name="task_add"),
    path("<uuid:pk>/tasks/<uuid:task_pk>/", views.finish_task, name="task_finish"),
    path("<uuid:pk>/notes/", views.add_note, name="note_add"),
    path("<uuid:pk>/evidence/", views.add_evidence, name="evidence_add"),
    path(
        "<uuid:pk>/evidence/<uuid:evidence_pk>/",
        views.evidence_download,
        name="evidence_download",
    ),
]
