from django.urls import path

from sswbridge.screening import views

app_name = "screening"
urlpatterns = [
    path("", views.screen_page, name="screen"),
    path("decisions/", views.decisions, name="decisions"),
    path("hits/<uuid:pk>/decide/", views.decide, name="decide"),
    path("batches/", views.batch_list, name="batch_list"),
    path("batches/<uuid:pk>/", views.batch_detail, name="batch_detail"),
    path("batches/<uuid:pk>/results.csv", views.batch_results, name="batch_results"),
]
