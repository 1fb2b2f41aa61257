from django.urls import path

from sswbridge.exchange.views import boxes, communications, confidentiality, metrics, notifications

app_name = "exchange"
urlpatterns = [
    path("inbox/", boxes.inbox, name="inbox"),
    path("outbox/", boxes.outbox, name="outbox"),
    path("compose/", communications.compose, name="compose"),
    path("<uuid:pk>/", communications.detail, name="detail"),
    path("<uuid:pk>/acknowledge/", communications.acknowledge, name="acknowledge"),
    path("<uuid:pk>/send/", communications.send_draft, name="send"),
    path("<uuid:pk>/answer/", communications.answer, name="answer"),
    path("<uuid:pk>/correct/", communications.correct, name="correct"),
    path("<uuid:pk>/attach/", communications.attach, name="attach"),
    path("<uuid:pk>/retract/", confidentiality.retract, name="retract"),
    path(
        "<uuid:pk>/release-requests/",
        confidentiality.request_release,
        name="release_request",
    ),
    path(
        "<uuid:pk>/release-requests/<int:request_pk>/decide/",
        confidentiality.decide_release,
        name="release_decide",
    ),
    path("attachments/<uuid:pk>/", communications.download, name="download"),
    path("notifications/", notifications.notifications, name="notifications"),
    path("notifications/read/", notifications.mark_all_read, name="notifications_read"),
    path("notifications/<int:pk>/read/", notifications.mark_read, name="notification_read"),
    path("notifications/settings/", notifications.preferences, name="preferences"),
    path("metrics/", metrics.dashboard, name="metrics"),
    path("answer-periods/<slug:code>/", metrics.answer_periods, name="answer_periods"),
]
