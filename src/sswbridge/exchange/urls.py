from django.urls import path

from sswbridge.exchange import confidentiality_views, metrics_views, notification_views, views

app_name = "exchange"
urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("outbox/", views.outbox, name="outbox"),
    path("compose/", views.compose, name="compose"),
    path("<uuid:pk>/", views.detail, name="detail"),
    path("<uuid:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("<uuid:pk>/send/", views.send_draft, name="send"),
    path("<uuid:pk>/answer/", views.answer, name="answer"),
    path("<uuid:pk>/correct/", views.correct, name="correct"),
    path("<uuid:pk>/attach/", views.attach, name="attach"),
    path("<uuid:pk>/retract/", confidentiality_views.retract, name="retract"),
    path(
        "<uuid:pk>/release-requests/",
        confidentiality_views.request_release,
        name="release_request",
    ),
    path(
        "<uuid:pk>/release-requests/<int:request_pk>/decide/",
        confidentiality_views.decide_release,
        name="release_decide",
    ),
    path("attachments/<uuid:pk>/", views.download, name="download"),
    path("notifications/", notification_views.notifications, name="notifications"),
    path("notifications/read/", notification_views.mark_all_read, name="notifications_read"),
    path("notifications/<int:pk>/read/", notification_views.mark_read, name="notification_read"),
    path("notifications/settings/", notification_views.preferences, name="preferences"),
    path("metrics/", metrics_views.dashboard, name="metrics"),
    path("answer-periods/<slug:code>/", metrics_views.answer_periods, name="answer_periods"),
]
