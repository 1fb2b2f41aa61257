"""The exchange's pages, one module per concept; exchange/urls.py routes to them."""
