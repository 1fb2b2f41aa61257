"""The exchange under /api/v1/exchange: one router, mounted by the API aggregator, made of
one sub-router per concept with the same prefix."""

from ninja import Router

from sswbridge.exchange.api import communications, confidentiality, metrics, notifications

router = Router()
router.add_router("", communications.router)
router.add_router("", notifications.router)
router.add_router("", metrics.router)
router.add_router("", confidentiality.router)
