"""The intermediaries register's pages, under /registry/ as before the registry's split."""

from django.urls import path

from sswbridge.intermediaries.views import intermediaries, merges

app_name = "intermediaries"

urlpatterns = [
    path("intermediaries/", intermediaries.intermediary_list, name="intermediary_list"),
    path("intermediaries/new/", intermediaries.intermediary_create, name="intermediary_create"),
    path(
        "intermediaries/<uuid:pk>/", intermediaries.intermediary_detail, name="intermediary_detail"
    ),
    path("intermediaries/duplicates/", merges.duplicate_list, name="duplicate_list"),
    path(
        "intermediaries/<uuid:pk>/merge/<uuid:source_pk>/",
        merges.intermediary_merge,
        name="intermediary_merge",
    ),
    path(
        "intermediaries/<uuid:pk>/not-duplicate/<uuid:other_pk>/",
        merges.intermediary_not_duplicate,
        name="intermediary_not_duplicate",
    ),
    path("intermediaries/merges/<uuid:pk>/", merges.merge_detail, name="merge_detail"),
    path("intermediaries/merges/<uuid:pk>/undo/", merges.merge_undo, name="merge_undo"),
    path(
        "intermediaries/<uuid:pk>/edit/", intermediaries.intermediary_edit, name="intermediary_edit"
    ),
    path(
        "intermediaries/<uuid:pk>/names/add/",
        intermediaries.intermediary_add_name,
        name="intermediary_add_name",
    ),
    path(
        "intermediaries/<uuid:pk>/identifiers/add/",
        intermediaries.intermediary_add_identifier,
        name="intermediary_add_identifier",
    ),
    path(
        "intermediaries/<uuid:pk>/links/add/",
        intermediaries.intermediary_link_person,
        name="intermediary_link_person",
    ),
]
