"""A forgotten password is reset through the e-mailed link, in the browser, and the new one logs in (14.11)."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from .browser import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_forgotten_password_is_reset_through_the_emailed_link(page, cast, settings):
    # The link in the mail is absolute on the portal's public address: here, the test's live server.
    settings.PUBLIC_BASE_URL = page.base_url
    cast.rep_a.email = "rep_a@example.cn"
    cast.rep_a.save()

    page.goto(f"{page.base_url}/accounts/login/")
    page.get_by_role("link", name="忘记密码").click()
    page.get_by_label("登记的电子邮箱").fill("rep_a@example.cn")
    page.get_by_role("button", name="发送重置链接").click()
    expect(page.get_by_role("heading", name="重置链接已发送")).to_be_visible()

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/password/reset/\S+/\S+/", mail.outbox[0].body).group(0)
    assert link.startswith(page.base_url)
    page.goto(link)
    page.get_by_label("新密码").first.fill("Hlr-new-pass-77")
    page.get_by_label("新密码确认").fill("Hlr-new-pass-77")
    page.get_by_role("button", name="保存新密码").click()
    expect(page.get_by_role("heading", name="密码已重置")).to_be_visible()

    page.get_by_role("link", name="去登录").click()
    login(page, "rep_a", "Hlr-new-pass-77")
    expect(page.get_by_text("我的单位")).to_be_visible()
