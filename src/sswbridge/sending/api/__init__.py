"""Sending organizations, their checklists and the investigations under /api/v1/registry."""

from ninja import Router

from sswbridge.sending.api.investigations import router as investigations_router
from sswbridge.sending.api.organizations import router as organizations_router

router = Router()
router.add_router("", organizations_router)
router.add_router("", investigations_router)
