"""The intermediaries register's API, under /api/v1/registry as before the registry's split:
the records (`intermediaries`) and the resolution of duplicates (`merges`)."""

from ninja import Router

from sswbridge.intermediaries.api import intermediaries, merges

router = Router()
router.add_router("", intermediaries.router)
router.add_router("", merges.router)
