from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from apps.applications.recognitions.certificates import qr_data_uri, verification_url
from apps.applications.recognitions.services import recognition_create
from apps.applications.workflow.service import title_revoke
from apps.core.client_ip import parse_networks

pytestmark = pytest.mark.django_db


@pytest.fixture
def recognition(cast, regions):
    return recognition_create(unit=cast.unit_a, city=regions.city, year=2025, issued_on=date(2025, 12, 1),
                              by=cast.city_admin, grade="AA", level="市级")


def test_numbers_are_sequential_per_city_and_year(recognition, cast, regions):
    second = recognition_create(unit=cast.unit_b, city=regions.city, year=2025, issued_on=date(2025, 12, 1),
                                by=cast.city_admin)
    assert (recognition.number, second.number) == ("141000-2025-0001", "141000-2025-0002")
    assert recognition.valid_until == date(2028, 11, 30)


def test_verification_page_is_public_and_shows_validity(client, recognition):
    body = client.get(reverse("recognitions:verify", args=[recognition.number])).content.decode()
    assert "甲公司" in body and "市级劳动关系和谐企业（AA）" in body and "真实有效" in body


def test_the_verification_page_reads_in_english_with_its_labels_and_the_level_translated(client, recognition):
    client.cookies["django_language"] = "en"
    body = client.get(reverse("recognitions:verify", args=[recognition.number])).content.decode()
    assert '<th scope="row">Naming office</th>' in body and "the naming office" not in body
    assert '<th scope="row">Level</th><td>city-level</td>' in body
    client.cookies["django_language"] = "zh-hans"
    body = client.get(reverse("recognitions:verify", args=[recognition.number])).content.decode()
    assert '<th scope="row">命名机关</th>' in body and '<th scope="row">级别</th><td>市级</td>' in body


def test_revoked_certificate_says_so(client, recognition, cast):
    title_revoke(recognition=recognition, by=cast.city_admin, reason="发生欠薪事件", on=date(2026, 3, 1))
    body = client.get(reverse("recognitions:verify", args=[recognition.number])).content.decode()
    assert "已被撤销" in body and "发生欠薪事件" in body


def test_unknown_number_is_a_404_with_a_chinese_message(client, regions):
    response = client.get(reverse("recognitions:verify", args=["141000-2099-9999"]))
    assert response.status_code == 404 and "未找到编号" in response.content.decode()


def test_lookup_form_redirects_to_the_verification_page(client, recognition):
    response = client.get(reverse("recognitions:verify_lookup"), {"number": f" {recognition.number} "})
    assert response["Location"] == reverse("recognitions:verify", args=[recognition.number])


def test_certificate_pdf_carries_the_number_and_a_qr_code_for_the_verification_url(client, recognition, cast):
    client.force_login(cast.rep_a)
    response = client.get(reverse("recognitions:certificate", args=[recognition.pk]))
    assert response["Content-Type"] == "application/pdf"
    import io

    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert recognition.number in text and "甲公司" in text
    assert verification_url(recognition).endswith(f"/verify/{recognition.number}/")
    assert qr_data_uri("http://x/verify/1/").startswith("data:image/svg+xml")


def test_certificate_of_another_unit_or_county_is_404(client, recognition, cast):
    for user in (cast.rep_b, cast.county_admin_y, cast.city_admin_other):
        client.force_login(user)
        assert client.get(reverse("recognitions:certificate", args=[recognition.pk])).status_code == 404


def test_public_home_shows_named_counts_and_lookup(client, recognition):
    body = client.get("/").content.decode()
    assert "尧都区" in body and "证书查验" in body


@pytest.mark.parametrize("dash", ["－", "—", "–", "‐", "−"])
def test_a_number_typed_with_full_width_or_long_dashes_is_verified(client, recognition, dash):
    typed = recognition.number.replace("-", dash)
    response = client.get(reverse("recognitions:verify_lookup"), {"number": typed})
    assert response["Location"] == reverse("recognitions:verify", args=[recognition.number])
    body = client.get(reverse("recognitions:verify", args=[typed])).content.decode()
    assert "甲公司" in body and "真实有效" in body


def test_the_certificate_check_is_limited_per_client_address(client, settings, regions):
    """60 checks a minute per address (no enumerating the numbers); behind the trusted proxy each visitor has
    their own allowance, so many people checking at once are not refused (bench/crawl_bench.py loads it so)."""
    url = reverse("recognitions:verify", args=["141000-2099-9999"])
    statuses = [client.get(url).status_code for _ in range(61)]
    assert statuses[:60] == [404] * 60 and statuses[60] == 403
    # A client's own X-Forwarded-For is not believed from an untrusted peer: still the same address.
    assert client.get(url, HTTP_X_FORWARDED_FOR="10.0.0.8").status_code == 403
    settings.TRUSTED_PROXIES = parse_networks(["127.0.0.1"])
    assert client.get(url, HTTP_X_FORWARDED_FOR="10.0.0.9").status_code == 404
