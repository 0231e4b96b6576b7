def userinfo(claims, user):
    claims["name"] = f"{user.last_name}{user.first_name}" or user.username  # 姓名, family name first
    claims["email"] = user.email
    claims["phone_number"] = getattr(user, "phone", "") or "13900000000"
    return claims
