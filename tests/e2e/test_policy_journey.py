"""In Chromium: the city admin sets a new yearly version of the campaign policy from the menu (a wrong value is
refused without losing what was typed), and the township staff read it as the policy in force for them."""

import pytest
from django.utils import timezone

from apps.campaigns.models import CampaignPolicy

from .browser import login, open_menu

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_city_admin_sets_this_years_policy_and_the_township_reads_it(page, phone_page, cast, regions):
    year = timezone.localdate().year
    base = page.base_url
    login(page, "city_admin")
    open_menu(page, "评估命名", "创建活动政策")
    page.get_by_text("未由文件规定").wait_for()
    page.get_by_role("link", name="新建年度版本").click()
    page.get_by_label("依据文件").fill("临人社发〔2023〕8号")
    page.get_by_label("企业", exact=True).fill("临汾市劳动关系和谐企业")
    page.get_by_label("国有资产监督管理部门 必须参加").check()
    page.get_by_label("满意率达标线(%)").fill("120")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("国有资产监督管理部门 标为必须参加，请同时勾选“参加评估组”。").wait_for()
    page.get_by_text("满意率达标线应在 0 到 100 之间").wait_for()
    assert page.get_by_label("依据文件").input_value() == "临人社发〔2023〕8号"
    assert page.get_by_label("企业", exact=True).input_value() == "临汾市劳动关系和谐企业"

    page.get_by_label("国有资产监督管理部门 参加评估组").check()
    page.get_by_label("满意率达标线(%)").fill("")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("已保存").wait_for()
    policy = CampaignPolicy.objects.get()
    assert (policy.region, policy.year) == (regions.city, year)
    assert {"party": "sasac", "required": True} in policy.panel_parties

    login(phone_page, "township_x")
    phone_page.goto(f"{base}/campaigns/policy/")
    phone_page.get_by_text("沿用临汾市的政策").wait_for()
    phone_page.get_by_text("临汾市劳动关系和谐企业").wait_for()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
