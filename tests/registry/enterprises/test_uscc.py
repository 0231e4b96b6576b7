import pytest
from django.core.exceptions import ValidationError

from apps.registry.enterprises.models import IndustryClass
from apps.registry.enterprises.uscc import uscc_check, uscc_normalise

VALID = "91350200776049653A"


def test_full_width_characters_and_stray_spaces_are_normalised():
    assert uscc_normalise(" ９１３５ ０２００７７６０４９６５３ａ\u3000\t") == VALID
    assert uscc_check("９１３５０２００７７６０４９６５３Ａ") .code == VALID


@pytest.mark.parametrize("code", [VALID, "91440101MA5CJQ4N59", "913502000728319549", "123502001549897397"])
def test_valid_codes_pass_without_warning(code):
    assert uscc_check(code).check_failed is False


def test_a_real_code_failing_only_its_check_digit_is_accepted_and_flagged():
    result = uscc_check("91350203M0001QAY9B")
    assert result.code == "91350203M0001QAY9B" and result.check_failed is True


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("9135020077604965", "应为 18 位，现为 16 位"),
        ("91350200776049653AB", "现为 19 位"),
        ("9135020077604965OI", "不使用字母 I、O、S、V、Z"),
        ("91AB0200776049653A", "第 3–8 位应为数字"),
        ("", "请填写统一社会信用代码"),
    ],
)
def test_malformed_codes_are_refused_with_a_chinese_message(code, message):
    with pytest.raises(ValidationError) as error:
        uscc_check(code)
    assert message in error.value.messages[0]


@pytest.mark.django_db
def test_all_gb4754_sections_and_divisions_are_loaded():
    assert IndustryClass.objects.filter(section__isnull=True).count() == 20
    assert IndustryClass.objects.filter(section__isnull=False).count() == 97
    assert IndustryClass.objects.get(code="65").section.code == "I"
    assert IndustryClass.objects.get(code="97").name == "国际组织"
