"""Cross-anchored audit (issue 14, point 8): each receipt this node signs carries a signed
checkpoint of this node's audit chain and of the shared history with the peer; each node keeps
the checkpoints its peers send (models.PeerCheckpoint), and `verify-audit --peers` compares
both nodes' records (crosscheck.py). docs/federation.md, "Cross-anchored audit"."""
