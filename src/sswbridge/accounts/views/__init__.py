"""The accounts' pages, one module per concept; accounts/urls.py routes to them."""
