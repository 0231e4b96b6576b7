"""base.html's ``{% per_language %}`` parts: rendered once per language, never shared across languages or users."""

import re

import pytest
from django.conf import settings
from django.template import Context, Template, TemplateSyntaxError
from django.test import override_settings
from django.utils import timezone, translation

from apps.campaigns.models import CampaignPolicy, NamingLevel

pytestmark = pytest.mark.django_db


def _page(client, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get("/home/").content.decode()


def test_the_frame_follows_the_language_of_each_request(client, cast):
    client.force_login(cast.county_admin_x)
    chinese = _page(client, "zh-hans")
    english = _page(client, "en")
    assert '<html lang="zh-CN">' in chinese and "退出登录" in chinese and ">English</button>" in chinese
    assert '<html lang="en">' in english and "Log out" in english and ">简体中文</button>" in english
    assert "退出登录" not in english and "跳到主要内容" not in english
    assert _without_token(_page(client, "zh-hans")) == _without_token(chinese)


def _without_token(page: str) -> str:
    """The page without its CSRF tokens (masked anew on every request: the one part that must differ)."""
    return re.sub(r'(csrfmiddlewaretoken" value=|"X-CSRFToken": )"[^"]+"', r"\1", page)


def _token(page: str) -> str:
    return re.search(r'csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def test_the_per_request_parts_stay_outside_what_is_kept(client, cast):
    client.force_login(cast.county_admin_x)
    first = client.get("/home/").content.decode()
    client.force_login(cast.county_admin_y)
    other = client.get("/reviews/").content.decode()
    assert str(cast.county_admin_y) in other and str(cast.county_admin_x) not in other
    assert 'name="next" type="hidden" value="/reviews/"' in other
    assert _token(first) != _token(other)


def test_a_changed_setting_drops_what_is_kept():
    template = Template("{% load kept_html %}{% per_language %}{{ settings_value }}{% endper_language %}")
    with translation.override("en"):
        assert template.render(Context({"settings_value": "a"})) == "a"
        with override_settings(STATIC_URL="/elsewhere/"):
            assert template.render(Context({"settings_value": "b"})) == "b"


@pytest.mark.parametrize("inner", ["{% csrf_token %}", "{% block x %}{% endblock %}"])
def test_it_refuses_what_differs_per_request_or_page(inner):
    with pytest.raises(TemplateSyntaxError):
        Template("{% load kept_html %}{% per_language %}" + inner + "{% endper_language %}")


def test_another_countys_admin_never_gets_the_menu_of_a_county_that_names(client, cast, regions):
    """The menu is kept per set of roles, language and what the county's policy lets it show: the admin of a
    county that names sees 命名确认; the admin of the next county, on the next request of the same process, not."""
    CampaignPolicy.objects.create(region=regions.county_x, year=timezone.localdate().year,
                                  naming_level=NamingLevel.COUNTY, title_level="区级")
    for _ in range(2):
        client.force_login(cast.county_admin_x)
        assert 'href="/reviews/city/"' in client.get("/home/").content.decode()
        client.force_login(cast.county_admin_y)
        assert 'href="/reviews/city/"' not in client.get("/home/").content.decode()
