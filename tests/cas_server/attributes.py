def contact(user, service):
    return {"full_name": f"{user.last_name}{user.first_name}", "email": user.email}  # 姓名, family name first
