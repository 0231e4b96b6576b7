from apps.registry.enterprises.uscc import uscc_with_check_digit


def code(n: int, county: str = "141002") -> str:
    """A well-formed credit code with a correct check digit."""
    return uscc_with_check_digit(f"91{county}MA{n:07d}")


def signup_data(regions, **overrides) -> dict:
    data = {
        "e-name": "演示新注册有限公司",
        "e-uscc": code(9001),
        "e-region": regions.county_x.pk,
        "e-township": regions.township_x.pk,
        "e-address": "尧都区解放路 1 号",
        "e-employee_count": "120",
        "e-size": "small",
        "e-ownership": "private",
        "e-has_union": "on",
        "e-contact_name": "王经理",
        "e-contact_phone": "13800000000",
        "a-username": "newrep",
        "a-full_name": "王经理",
        "a-phone": "13800000000",
        "a-email": "newrep@example.com",
        "a-password1": "Strong-pass-2026",
        "a-password2": "Strong-pass-2026",
    }
    data.update(overrides)
    return data
