from django.urls import path

from sswbridge.exchange import views

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
]
