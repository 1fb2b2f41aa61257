"""Alias, to be removed: registry/ and orders/ still import this old path; the shape lives in
exchange/schemas/receipts.py (import it from sswbridge.exchange.schemas)."""

from sswbridge.exchange.schemas.receipts import ReceiptOut

__all__ = ["ReceiptOut"]
