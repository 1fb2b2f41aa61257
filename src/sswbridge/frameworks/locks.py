"""The framework's guard: the row lock that serializes what is numbered per framework.

Step 1 of the lock order (docs/architecture.md, "Locks"): a service that numbers records of a
framework (case references, the memorandum's texts, support-list imports) or checks a
framework-wide rule before writing takes this lock first, before any other. It is `FOR NO KEY
UPDATE` on PostgreSQL, which does not conflict with the `FOR KEY SHARE` lock that every insert
referring to the framework takes for its foreign key, so it holds back only other guards and
updates of the framework row, never the framework's ordinary writes. (SQLite has no row locks:
there writers take turns for the whole database.)
"""

from __future__ import annotations

from typing import Any

from sswbridge.frameworks.models import Framework


def guard(framework_id: Any) -> Framework:
    """Lock the framework's row until the transaction ends, and return it."""
    return Framework.objects.select_for_update(no_key=True).get(pk=framework_id)
