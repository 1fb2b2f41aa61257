"""Where a `next=` parameter may send the browser: only a path on this site.

Every view that reads `next` (sign-in and its second factor, the admin site's sign-in, the
language switch, the case and screening panels) asks `safe_next`. A target is kept only when
it is a relative path beginning with a single `/` (not `//host` nor `/\\host`, which browsers
take for another host), holds no control character or backslash, and passes Django's
`url_has_allowed_host_and_scheme` for this host. Anything else (`abc`, `javascript:…`,
`https://evil.example/`) is dropped, and the caller goes to its default page. A bare word is
never handed to `redirect()`, which would try it as a URL name and fail with NoReverseMatch.
"""

from __future__ import annotations

import re

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

_UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f\\]")


def safe_next(request: HttpRequest, candidate: object) -> str | None:
    """`candidate` when it is a safe path on this host, else None."""
    if not isinstance(candidate, str) or not candidate.startswith("/"):
        return None
    if candidate.startswith("//") or _UNSAFE.search(candidate):
        return None
    if not url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    return candidate
