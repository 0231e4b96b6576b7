"""A representative reads the application's documents on a phone in English: a long document type (its badge) wraps
within the list instead of pushing the page sideways (Bootstrap badges never wrap; found at 390 px)."""

import pytest
from playwright.sync_api import expect

from tests.fixtures.assessments import attach_required

from .browser import login

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("private_media")]


def test_the_document_types_wrap_on_a_phone(phone_page, live_server, cast, draft_application):
    attach_required(draft_application, cast.rep_a)
    login(phone_page, "rep_a")
    phone_page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    phone_page.goto(f"{live_server.url}/applications/{draft_application.pk}/")
    badge = phone_page.locator("#evidence .badge", has_text="Self-evaluation report adopted by the workers")
    expect(badge).to_be_visible()
    expect(phone_page.get_by_role("button", name="Withdraw", exact=True).first).to_be_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    box, item = badge.bounding_box(), phone_page.locator("#evidence li").first.bounding_box()
    assert box["x"] + box["width"] <= item["x"] + item["width"], (box, item)
