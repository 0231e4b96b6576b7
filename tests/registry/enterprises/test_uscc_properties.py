"""Property-based tests of the credit-code checks (GB 32100-2015) against python-stdnum."""

import string

from django.core.exceptions import ValidationError
from hypothesis import assume, example, given
from hypothesis import strategies as st
from stdnum.cn import uscc as stdnum_uscc

from apps.registry.enterprises.uscc import USCC_PATTERN, uscc_check, uscc_normalise

# GB 32100's character set: digits and capitals without I, O, S, V, Z.
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
FULL_WIDTH = {c: chr(ord(c) + 0xFEE0) for c in string.digits + string.ascii_uppercase}

first17 = st.builds(
    lambda head, region, body: head + region + body,
    st.text(ALPHABET, min_size=2, max_size=2),
    st.text(string.digits, min_size=6, max_size=6),
    st.text(ALPHABET, min_size=9, max_size=9),
)
valid_codes = first17.map(lambda first: first + stdnum_uscc.calc_check_digit(first))


@given(valid_codes)
@example("91350200776049653A")
def test_every_code_stdnum_completes_is_accepted_unchanged_and_without_warning(code):
    result = uscc_check(code)
    assert result.code == code
    assert result.check_failed is False
    if code[:8].isdigit():  # stdnum's own validator only knows codes with eight leading digits
        assert stdnum_uscc.is_valid(code)


@given(valid_codes, st.data())
def test_the_way_a_code_is_typed_does_not_change_the_result(code, data):
    """Full-width characters, lower case and stray spaces are what people paste from documents."""
    typed = "".join(
        data.draw(st.sampled_from([c, c.lower(), FULL_WIDTH[c], f" {c}", f"{c}\u3000"]), label=f"char {c}")
        for c in code
    )
    assert uscc_check(typed).code == code
    assert uscc_normalise(typed) == code


@given(valid_codes, st.integers(min_value=0, max_value=17), st.sampled_from(ALPHABET + "IOSVZ-#*中"))
def test_any_single_character_change_is_refused_or_flagged(code, position, replacement):
    changed = code[:position] + replacement + code[position + 1:]
    assume(changed != code)
    if not USCC_PATTERN.match(changed):
        try:
            uscc_check(changed)
        except ValidationError as error:
            assert error.code == "format"
        else:
            raise AssertionError(f"{changed} does not follow GB 32100 but was accepted")
    else:
        # The weighted mod-31 check digit catches every single substitution: accepted only with a warning.
        assert uscc_check(changed).check_failed is True


@given(valid_codes, st.integers(min_value=0, max_value=16))
def test_dropping_a_character_is_refused_for_its_length(code, position):
    try:
        uscc_check(code[:position] + code[position + 1:])
    except ValidationError as error:
        assert error.code == "length" and "现为 17 位" in error.messages[0]
    else:
        raise AssertionError("a 17-character code was accepted")


@given(st.one_of(st.text(), st.binary(), st.integers(), st.floats(), st.none()))
@example("\u200b" * 18)
@example("９" * 18)
def test_arbitrary_input_never_raises_anything_but_a_chinese_validation_error(raw):
    try:
        result = uscc_check(raw)
    except ValidationError as error:
        assert error.code in {"required", "length", "format"}
        assert any("\u4e00" <= ch <= "\u9fff" for ch in error.messages[0])
    else:
        assert USCC_PATTERN.match(result.code)
