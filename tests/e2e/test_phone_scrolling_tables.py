"""A wide list on a phone scrolls inside its wrapper, never the page: the column named only for screen readers (a
visually-hidden 操作 header, an action link's hidden words) is absolutely placed, and without a positioned wrapper it
escaped the scrolling box and widened the whole page (found on 用户管理 and 帮办代办 at 390 px, in English)."""

import pytest
from playwright.sync_api import expect

from .browser import login

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = """() => {
  const wrapper = document.querySelector("main .table-responsive");
  return {page: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth,
          table: wrapper.scrollWidth, wrapper: wrapper.clientWidth};
}"""


def test_a_wide_table_scrolls_in_its_wrapper_and_not_the_page(phone_page, live_server, cast):
    login(phone_page, "county_admin_x")
    phone_page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    phone_page.goto(f"{live_server.url}/accounts/users/")
    expect(phone_page.get_by_role("table")).to_be_visible()
    widths = phone_page.evaluate(WIDTHS)
    assert widths["table"] > widths["wrapper"], widths  # the table is wider than the phone: its wrapper scrolls
    assert widths["page"] <= widths["viewport"], widths


def test_the_unit_column_keeps_a_readable_width_on_a_phone(phone_page, live_server, cast, application):
    """The review queue and the applications list squeezed the unit's name to two characters a line (53 px) while
    the short columns kept their one-line headers."""
    login(phone_page, "county_admin_x")
    for path in ("/reviews/", "/applications/"):
        phone_page.goto(f"{live_server.url}{path}")
        name = phone_page.get_by_role("link", name=application.unit.name)
        expect(name).to_be_visible()
        assert phone_page.locator("main table tbody tr > *").first.bounding_box()["width"] >= 150, path
