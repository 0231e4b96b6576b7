"""With the keyboard alone: the skip link comes first and moves to the content, and every control shows a solid
ring where the focus is. Bootstrap's own focus glow (a pale blue shadow, no outline) overrode the portal's ring on
buttons, fields and the red bar's menu, where it was nearly invisible (found walking the demo in Chromium)."""

import pytest
from playwright.sync_api import expect

from .browser import login

pytestmark = pytest.mark.django_db(transaction=True)

RING = """() => { const style = getComputedStyle(document.activeElement);
  return {text: document.activeElement.textContent.trim(), outline: style.outlineStyle, width: style.outlineWidth,
          color: style.outlineColor}; }"""


def _tab_to(page, name: str) -> dict:
    for _ in range(40):
        page.keyboard.press("Tab")
        ring = page.evaluate(RING)
        if ring["text"] == name:
            return ring
    raise AssertionError(f"{name} is not reached with Tab")


def test_the_skip_link_and_a_visible_ring_on_the_bar_buttons_and_fields(page, cast):
    login(page, "county_admin_x")
    page.goto(f"{page.base_url}/applications/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="跳到主要内容")
    expect(skip).to_be_visible()
    expect(skip).to_be_focused()
    menu = _tab_to(page, "创建申报")
    assert (menu["outline"], menu["width"], menu["color"]) == ("solid", "3px", "rgb(255, 255, 255)"), menu
    button = _tab_to(page, "筛选")
    expect(page.get_by_role("button", name="筛选")).to_be_focused()
    assert (button["outline"], button["width"]) == ("solid", "3px"), button
    page.keyboard.press("Shift+Tab")
    field = page.evaluate(RING)
    assert (field["outline"], field["width"]) == ("solid", "3px"), field
