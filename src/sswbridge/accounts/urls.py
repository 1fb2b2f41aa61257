from django.urls import path

from sswbridge.accounts.views import enrolment, preferences, signin, tokens, welcome

app_name = "accounts"
urlpatterns = [
    path("login/", signin.login_view, name="login"),
    path("login/verify/", signin.otp_view, name="otp"),
    path("enrol/", enrolment.enrol_view, name="enrol"),
    path("recovery-codes/", enrolment.recovery_codes_view, name="recovery_codes"),
    path("welcome/<str:uidb64>/<str:token>/", welcome.welcome_view, name="welcome"),
    path("logout/", signin.logout_view, name="logout"),
    path("preferences/", preferences.preferences_view, name="preferences"),
    path("tokens/", tokens.tokens_view, name="tokens"),
    path("tokens/<int:pk>/revoke/", tokens.token_revoke_view, name="token_revoke"),
]
