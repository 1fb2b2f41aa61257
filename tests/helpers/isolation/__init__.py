"""The isolation world: jp-kg data of every kind that has a page, the tables that classify
every route (PAGES, OPERATIONS) and how to list the routes. The isolation tests and the
authorization matrix both use them."""
