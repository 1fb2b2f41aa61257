from django.urls import path

from sswbridge.registry import (
    views,
    views_merges,
)

app_name = "registry"
urlpatterns = [
    path("intermediaries/", views.intermediary_list, name="intermediary_list"),
    path("intermediaries/new/", views.intermediary_create, name="intermediary_create"),
    path("intermediaries/<uuid:pk>/", views.intermediary_detail, name="intermediary_detail"),
    path("intermediaries/duplicates/", views_merges.duplicate_list, name="duplicate_list"),
    path(
        "intermediaries/<uuid:pk>/merge/<uuid:source_pk>/",
        views_merges.intermediary_merge,
        name="intermediary_merge",
    ),
    path(
        "intermediaries/<uuid:pk>/not-duplicate/<uuid:other_pk>/",
        views_merges.intermediary_not_duplicate,
        name="intermediary_not_duplicate",
    ),
    path("intermediaries/merges/<uuid:pk>/", views_merges.merge_detail, name="merge_detail"),
    path("intermediaries/merges/<uuid:pk>/undo/", views_merges.merge_undo, name="merge_undo"),
    path("intermediaries/<uuid:pk>/edit/", views.intermediary_edit, name="intermediary_edit"),
    path(
        "intermediaries/<uuid:pk>/names/add/",
        views.intermediary_add_name,
        name="intermediary_add_name",
    ),
    path(
        "intermediaries/<uuid:pk>/identifiers/add/",
        views.intermediary_add_identifier,
        name="intermediary_add_identifier",
    ),
    path(
        "intermediaries/<uuid:pk>/links/add/",
        views.intermediary_link_person,
        name="intermediary_link_person",
    ),
]
