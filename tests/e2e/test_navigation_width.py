"""The staff navigation stays on one row at 1280 px for every role, in Chinese and in English."""

import pytest
from django.conf import settings

from apps.accounts.models import Role

from .browser import ARTIFACTS, login

pytestmark = pytest.mark.django_db(transaction=True)

# Everything in the bar: the brand, each top-level item, the language switch and the user menu.
ROW_ITEMS = """() => {
  const bar = document.querySelector('#mainnav');
  const items = [document.querySelector('.navbar-brand'),
                 ...bar.querySelectorAll(':scope > .navbar-nav > .nav-item, :scope > form')];
  return {
    navbar: document.querySelector('nav.navbar').getBoundingClientRect().height,
    tops: items.map(el => Math.round(el.getBoundingClientRect().top)),
    right: Math.max(...items.map(el => el.getBoundingClientRect().right)),
    labels: items.map(el => el.innerText.trim().split('\\n')[0]),
    pageWidth: document.documentElement.scrollWidth,
  };
}"""


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("role", [r for r in Role])
def test_the_navigation_is_one_row_at_1280(page, cast, role, language):
    user = cast.by_role()[role]
    user.full_name = "欧阳春晓"  # a realistic four-character name in the user menu
    user.save(update_fields=["full_name"])
    login(page, user.username)
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": page.base_url}])
    page.goto(f"{page.base_url}/home/")
    assert page.viewport_size["width"] == 1280
    bar = page.evaluate(ROW_ITEMS)
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("header").screenshot(path=str(ARTIFACTS / f"nav-1280-{role}-{language}.png"))
    assert max(bar["tops"]) - min(bar["tops"]) <= 12, f"items wrap onto a second row: {bar}"
    assert bar["navbar"] <= 72, bar
    assert bar["right"] <= 1280 and bar["pageWidth"] <= 1280, bar
