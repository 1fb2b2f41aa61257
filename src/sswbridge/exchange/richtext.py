"""The body of a communication: safe rich text, a small subset of HTML.

`sanitize()` runs when a communication is saved (the stored body, and so its content hash,
is already clean): only the tags in `ALLOWED_TAGS` survive, links keep only an `href` with
http, https or mailto and get `rel="noopener"`; scripts and styles are removed with their
content, every other tag is dropped and its text kept (escaped). `to_html()` renders a body
for a page: it sanitizes again (cheap, and safe for rows written before this rule) and turns
plain text without any block tags into paragraphs, as the earlier plain-text bodies were.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import nh3
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

ALLOWED_TAGS = frozenset({"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote"})
URL_SCHEMES = frozenset({"http", "https", "mailto"})
HELP_TEXT = _(
    "Plain text, or these HTML tags: <p>, <br>, <strong>, <em>, <ul>, <ol>, <li>, "
    "<blockquote> and <a href> (http, https or mailto links). Anything else is removed."
)
_BLOCK = re.compile(r"<(p|ul|ol|blockquote)[\s>]", re.IGNORECASE)


def _keep_link(tag: str, attribute: str, value: str) -> str | None:
    """Only absolute http(s) and mailto links; relative and protocol-relative ones go."""
    if tag == "a" and attribute == "href":
        scheme = urlsplit(value.strip()).scheme.lower()
        return value if scheme in URL_SCHEMES else None
    return value


_cleaner = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags={"script", "style"},
    attributes={"a": {"href"}},
    attribute_filter=_keep_link,
    url_schemes=set(URL_SCHEMES),
    link_rel="noopener",
    strip_comments=True,
)


def sanitize(text: str) -> str:
    """The body as it is stored: only the allowed tags and links."""
    return _cleaner.clean(text or "").strip()


def to_html(text: str) -> SafeString:
    """The body for a page, sanitized; plain text gets paragraphs and line breaks."""
    clean = sanitize(text)
    if clean and not _BLOCK.search(clean):
        paragraphs = [p.strip() for p in re.split(r"\n{2,}", clean) if p.strip()]
        clean = "".join("<p>{}</p>".format(p.replace("\n", "<br>")) for p in paragraphs)
    return mark_safe(clean)  # noqa: S308 - sanitized by nh3 just above
