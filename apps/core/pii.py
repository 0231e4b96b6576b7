"""Personal data shown masked (PIPL): contact names and phone numbers, declared once.

Views decide whether the person may see a value in full (``apps.registry.units.permissions.can_see_contacts``);
templates use the ``pii`` filters, exports call these functions before the values reach the writer.
"""

MASK = "**"


def mask_name(name: str) -> str:
    """张三丰 → 张**: the surname stays, so a colleague still knows whom to ask for."""
    name = (name or "").strip()
    return f"{name[0]}{MASK}" if name else ""


def mask_phone(phone: str) -> str:
    """13812345678 → 138****5678; 0357-1234567 → 035****4567; too short to keep anything → ****."""
    phone = (phone or "").strip()
    if not phone:
        return ""
    if len(phone) < 8:
        return "****"
    return f"{phone[:3]}****{phone[-4:]}"


def name_shown(name: str, full: bool) -> str:
    return name if full else mask_name(name)


def phone_shown(phone: str, full: bool) -> str:
    return phone if full else mask_phone(phone)
