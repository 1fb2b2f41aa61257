"""The registers under /api/v1/registry: sending organizations and their checklists in
api_sending, publications and investigations in api_orders. The intermediaries are the
intermediaries app's router, mounted at the same prefix."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["registry"])


def _mount_registers() -> None:
    from sswbridge.registry.api_orders import router as orders_router
    from sswbridge.registry.api_sending import router as sending_router

    router.add_router("", sending_router)
    router.add_router("", orders_router)


_mount_registers()
