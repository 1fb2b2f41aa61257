from django.urls import path

from sswbridge.lifecycle import views

app_name = "lifecycle"
urlpatterns = [
    path("texts/<uuid:pk>/", views.text_detail, name="text"),
    path("amendments/<uuid:pk>/", views.amendment_detail, name="amendment"),
    path("amendments/<uuid:pk>/consent/", views.consent_to_amendment, name="amendment_consent"),
    path("reviews/<uuid:pk>/outcome/", views.review_outcome, name="review_outcome"),
    path("notices/<uuid:pk>/withdraw/", views.request_withdrawal, name="notice_withdraw"),
    path("notices/<uuid:pk>/consent/", views.consent_to_withdrawal, name="notice_withdraw_consent"),
    path("<slug:code>/", views.framework_lifecycle, name="framework"),
    path("<slug:code>/reviews/", views.add_review, name="review_add"),
    path("<slug:code>/text/", views.record_signed_text, name="text_record"),
    path("<slug:code>/amendments/", views.propose_amendment, name="amendment_propose"),
    path("<slug:code>/notice/", views.give_notice, name="notice_give"),
]
