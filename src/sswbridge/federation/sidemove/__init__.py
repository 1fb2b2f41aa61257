"""Moving a hosted side to a node of its own (`sswbridge side export|import|release`).

`collect.py` chooses the rows of a side, `archive.py` writes and checks the signed archive,
`loading.py` puts it into the new node's database, `release.py` removes from this node what
was the side's own and never shared. `registry.py` is what other apps may declare: the models
that belong to one node and never move. docs/federation.md, "Moving a hosted side to its own
node", describes the whole.
"""
