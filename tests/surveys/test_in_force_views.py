"""The 适用标准 pages: read by staff of the jurisdiction, changed by its admin, files uploaded by a city or system
admin with the loader's line-numbered errors; an identical re-load changes nothing."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.standards.models import Standard
from apps.surveys.models import StandardInForce
from tests.fixtures.standards import put_in_force

pytestmark = pytest.mark.django_db

LIST, CHOOSE, UPLOAD = "/standards/", "/standards/choose/", "/standards/upload/"

GOOD = """\
code: LF-NEW
version: "1"
title: 临汾市新标准（示例）
issuing_body: 临汾市三方
unit_kind: enterprise
locality: "141000"
effective_from: 2025-01-01
total_score: 10
example: true
criteria:
  - {code: "1", kind: number, max: 10, title: 第一项}
"""


def upload(client, text: str, kind: str = "standard", name: str = "标准.yaml"):
    return client.post(UPLOAD, {"kind": kind, "file": SimpleUploadedFile(name, text.encode("utf-8"))})


@pytest.fixture
def linfen_row(linfen_standard, regions):
    return StandardInForce.objects.get(region=regions.city, standard=linfen_standard)


def test_staff_of_a_county_read_what_their_city_chose(client, cast, linfen_row):
    client.force_login(cast.reviewers_x["hrss"])
    body = client.get(LIST).content.decode()
    assert linfen_row.standard.title in body and "示例评分方案" in body
    assert f"/standards/{linfen_row.pk}/edit/" not in body


def test_another_citys_staff_do_not_see_the_choice(client, cast, linfen_row):
    client.force_login(cast.city_admin_other)
    assert linfen_row.standard.title not in client.get(LIST).content.decode()


def test_a_unit_rep_may_not_open_the_page(client, cast, linfen_row):
    client.force_login(cast.rep_a)
    assert client.get(LIST).status_code == 403


def test_the_city_admin_changes_its_choice_and_another_city_gets_404(client, cast, regions, linfen_row,
                                                                     questionnaire):
    client.force_login(cast.city_admin_other)
    assert client.get(f"/standards/{linfen_row.pk}/edit/").status_code == 404
    client.force_login(cast.city_admin)
    data = {"region": regions.city.pk, "year": 2024, "unit_kind": "enterprise", "standard": linfen_row.standard_id,
            "basis": "临人社发〔2023〕8号", "enterprise_size": "", "industry": "", "questionnaire": questionnaire.pk}
    response = client.post(f"/standards/{linfen_row.pk}/edit/", data)
    assert response.status_code == 200 and "是示例评分方案，不是正式标准" in response.content.decode()
    response = client.post(f"/standards/{linfen_row.pk}/edit/", {**data, "example_confirmed": "on"})
    assert response.status_code == 302, response.context["form"].errors
    linfen_row.refresh_from_db()
    assert linfen_row.year == 2024 and linfen_row.basis == "临人社发〔2023〕8号"


def test_a_city_admin_chooses_only_for_its_own_city(client, cast, regions, linfen_standard):
    client.force_login(cast.city_admin_other)
    response = client.post(CHOOSE, {"region": regions.city.pk, "year": 2025, "unit_kind": "enterprise",
                                    "standard": linfen_standard.pk, "example_confirmed": "on"})
    assert response.status_code == 200 and "region" in response.context["form"].errors
    assert not StandardInForce.objects.filter(year=2025).exists()


def test_a_good_file_is_loaded_and_the_identical_one_again_changes_nothing(client, cast, regions):
    client.force_login(cast.city_admin)
    response = upload(client, GOOD)
    assert response.status_code == 302
    standard = Standard.objects.get(code="LF-NEW")
    put_in_force(standard, regions.city, year=2025)
    response = upload(client, GOOD)
    assert response.status_code == 302
    assert Standard.objects.filter(code="LF-NEW").count() == 1
    assert "文件内容完全相同，未做改动" in client.get(LIST).content.decode()


def test_a_bad_file_shows_each_error_with_its_line_and_writes_nothing(client, cast):
    client.force_login(cast.city_admin)
    bad = GOOD.replace("max: 10", "max: ten").replace("total_score: 10", "total_score: 10\npass_lin: 5")
    response = upload(client, bad, name="坏文件.yaml")
    body = response.content.decode()
    assert response.status_code == 200, (response.context["file_errors"], response.context["form"].errors)
    line = bad.splitlines().index("pass_lin: 5") + 1
    assert f"坏文件.yaml 第 {line} 行" in body and "不认识的字段“pass_lin”" in body
    assert "“max”应为数字" in body
    assert not Standard.objects.filter(code="LF-NEW").exists()


def test_a_city_admin_may_not_load_another_citys_standard(client, cast):
    client.force_login(cast.city_admin_other)
    response = upload(client, GOOD)
    assert "市级三方办公室只能载入本市适用的标准" in response.content.decode()
    assert not Standard.objects.filter(code="LF-NEW").exists()


def test_the_system_admin_loads_a_questionnaire_and_a_county_admin_may_not_upload(client, cast, regions):
    text = (settings.BASE_DIR / "fixtures" / "surveys" / "linfen_enterprise_satisfaction.yaml").read_text()
    client.force_login(cast.county_admin_x)
    assert upload(client, text, kind="questionnaire").status_code == 403
    client.force_login(cast.system_admin)
    assert upload(client, text, kind="questionnaire").status_code == 302
    bad = text.replace("satisfied: true}", "satisfied: maybe}", 1)
    body = upload(client, bad.replace('version: "2025.1"', 'version: "2025.2"'), kind="questionnaire") \
        .content.decode()
    assert "第 " in body and "“satisfied”应为 true 或 false" in body


def test_the_application_start_page_names_the_standard_or_says_none_is_chosen(client, cast, regions):
    client.force_login(cast.rep_a)
    body = client.get(f"/applications/unit/{cast.unit_a.pk}/current/").content.decode()
    assert 'data-testid="no-standard"' in body and "不会改用演示标准" in body


def test_an_administrator_reading_in_english_reads_the_files_problems_in_english(client, cast):
    client.force_login(cast.city_admin)
    client.cookies["django_language"] = "en"
    bad = GOOD.replace("max: 10", "max: ten").replace("total_score: 10", "total_score: 10\npass_lin: 5")
    body = upload(client, bad, name="bad.yaml").content.decode()
    line = bad.splitlines().index("pass_lin: 5") + 1
    assert f"bad.yaml, line {line}: Unknown field “pass_lin”; the fields are: " in body
    assert "· item “1”: “max” should be a number, not “ten”." in body
    assert "不认识的字段" not in body and "应为数字" not in body
    assert not Standard.objects.filter(code="LF-NEW").exists()
    client.force_login(cast.system_admin)
    text = (settings.BASE_DIR / "fixtures" / "surveys" / "linfen_enterprise_satisfaction.yaml").read_text()
    bad = text.replace("satisfied: true}", "satisfied: maybe}", 1).replace('version: "2025.1"', 'version: "2025.2"')
    body = upload(client, bad, kind="questionnaire").content.decode()
    assert ": “satisfied” should be true or false (whether it counts towards the satisfaction rate)." in body
    assert "应为 true 或 false" not in body
