"""The body is safe rich text: sanitized when saved, so no script, event handler or
javascript: link ever reaches a page or the API, while the allowed tags survive."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sswbridge.exchange import richtext
from tests.helpers import factories
from tests.helpers.api import ExchangeApi as Api

pytestmark = pytest.mark.django_db

HOSTILE = (
    "<p>Report</p><script>stealTheCookies()</script>"
    '<img src="x" onerror="alertFromImage()">'
    '<a href="javascript:alertFromLink()">click</a>'
    '<p onclick="alertFromClick()">text</p>'
)
MARKERS = ("stealTheCookies", "alertFromImage", "onerror", "javascript:", "alertFromClick")


def _hostile_share(sender):  # type: ignore[no-untyped-def]
    return factories.make_communication(sender=sender, subject="Hostile body", body=HOSTILE)


def test_script_handlers_and_javascript_links_are_removed_when_saved(kg_cp):
    c = _hostile_share(kg_cp)
    assert [m for m in MARKERS if m in c.body] == []


def test_nothing_hostile_reaches_the_page(kg_cp, jp_cp):
    c = _hostile_share(kg_cp)
    page = factories.verified_client(jp_cp).get(reverse("exchange:detail", args=[c.pk]))
    html = page.content.decode()
    assert [m for m in MARKERS if m in html] == []


def test_nothing_hostile_reaches_the_api(kg_cp, jp_cp):
    created = Api(kg_cp).post(
        "/communications",
        {"framework": "jp-kg", "kind": "general_notice", "subject": "x", "body": HOSTILE},
    )
    fetched = Api(jp_cp).get(f"/communications/{created.json()['id']}")
    text = created.content.decode() + fetched.content.decode()
    assert [m for m in MARKERS if m in text] == []


def test_allowed_tags_and_safe_links_render_as_html(kg_cp, jp_cp):
    body = (
        "<p>Acts <strong>b)</strong> and <em>e)</em>:</p><ul><li>penalty</li></ul>"
        '<blockquote>quoted</blockquote><a href="https://example.org/x">source</a>'
    )
    c = factories.make_communication(sender=kg_cp, subject="Rich", body=body)
    html = factories.verified_client(jp_cp).get(reverse("exchange:detail", args=[c.pk]))
    text = html.content.decode()
    assert "<strong>b)</strong>" in text
    assert "<ul><li>penalty</li></ul>" in text
    assert '<a href="https://example.org/x" rel="noopener">source</a>' in text


@pytest.mark.parametrize(
    "href", ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,x", "//evil.test/"]
)
def test_only_http_https_and_mailto_links_keep_their_target(href):
    assert "href" not in richtext.sanitize(f'<a href="{href}">x</a>')


def test_a_mailto_link_is_kept():
    assert 'href="mailto:cp@example.org"' in richtext.sanitize('<a href="mailto:cp@example.org">')


def test_plain_text_keeps_its_paragraphs_and_line_breaks():
    assert str(richtext.to_html("one\ntwo\n\nthree & four")) == (
        "<p>one<br>two</p><p>three &amp; four</p>"
    )


def test_the_compose_page_says_which_tags_are_allowed(kg_cp):
    client = factories.verified_client(kg_cp)
    page = client.get(reverse("exchange:compose") + "?kind=general_notice").content.decode()
    assert "&lt;blockquote&gt;" in page
    assert 'aria-describedby="id_body_help"' in page
