from django.urls import path

from sswbridge.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("login/verify/", views.otp_view, name="otp"),
    path("enrol/", views.enrol_view, name="enrol"),
    path("recovery-codes/", views.recovery_codes_view, name="recovery_codes"),
    path("logout/", views.logout_view, name="logout"),
    path("tokens/", views.tokens_view, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke_view, name="token_revoke"),
]
