"""The "返回" link of every form page is a real URL: the CSP blocks javascript: links, so they were dead."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import resolve, reverse

pytestmark = pytest.mark.django_db

BACK_LINK = re.compile(r'<a class="btn btn-link" href="([^"]*)">返回</a>')

# URL name → (argument taken from the access world or None, who opens it, where 返回 leads)
FORM_PAGES = {
    "parks:create": (None, "county_admin_x", "registry:unit_list"),
    "parks:station_add": ("park", "county_admin_x", "registry:unit_detail"),
    "industries:create": (None, "county_admin_x", "registry:unit_list"),
    "industries:members": ("industry", "county_admin_x", "registry:unit_detail"),
    "coordinators:create": (None, "county_admin_x", "coordinators:list"),
    "coordinators:edit": ("coordinator", "county_admin_x", "coordinators:list"),
    "incentives:grant_create": (None, "county_admin_x", "incentives:catalogue"),
    "risks:create": (None, "county_admin_x", "risks:list"),
    "revocations:rule_create": (None, "city_admin", "revocations:rules"),
    "revocations:rule_edit": ("rule", "city_admin", "revocations:rules"),
    "cultivation:target_create": (None, "county_admin_x", "cultivation:overview"),
    "cultivation:quota": (None, "city_admin", "cultivation:overview"),
}


def _template_files() -> list[Path]:
    roots = [Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", [])]
    roots += list((Path(settings.BASE_DIR) / "apps").glob("*/templates"))
    return [path for root in roots for path in root.rglob("*.html")]


def test_no_template_contains_a_javascript_url():
    files = _template_files()
    assert len(files) > 50
    offenders = [str(path) for path in files if "javascript:" in path.read_text(encoding="utf-8").lower()]
    assert offenders == []


@pytest.mark.parametrize("name", FORM_PAGES)
def test_the_back_link_of_a_form_page_leads_to_a_page_that_opens(client, shared_world, name):
    argument, username, target = FORM_PAGES[name]
    client.force_login(getattr(shared_world.cast, username))
    page = client.get(reverse(name, args=[shared_world["X"][argument]] if argument else []))
    assert page.status_code == 200
    links = BACK_LINK.findall(page.content.decode())
    assert len(links) == 1, name
    href = links[0]
    assert href.startswith("/"), href
    assert resolve(href).view_name == target
    assert client.get(href).status_code == 200
