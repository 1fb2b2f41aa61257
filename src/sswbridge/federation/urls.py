from django.urls import path

from sswbridge.federation.views import batch, endpoint, peers

app_name = "federation"
urlpatterns = [
    path("v1/envelopes", endpoint.envelopes, name="envelopes"),
    path("v1/batches", batch.batches, name="batches"),
    path("v1/resend", endpoint.resend, name="resend"),
    path("v1/checkpoint", endpoint.checkpoint, name="checkpoint"),
    path("peers/", peers.peer_list, name="peers"),
    path("peers/add/", peers.peer_add, name="peer_add"),
    path("keys/<int:pk>/revoke/", peers.key_revoke, name="key_revoke"),
]
