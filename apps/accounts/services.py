from django.core.exceptions import ValidationError

from apps.regions.models import Region, RegionLevel

from .models import Membership, Role, User

# The region level each staff role is bound to.
ROLE_REGION_LEVELS = {
    Role.TOWNSHIP_STAFF: {RegionLevel.TOWNSHIP},
    Role.COUNTY_REVIEWER: {RegionLevel.COUNTY},
    Role.COUNTY_ADMIN: {RegionLevel.COUNTY},
    Role.COORDINATOR: {RegionLevel.COUNTY, RegionLevel.TOWNSHIP},
    Role.CITY_ADMIN: {RegionLevel.CITY},
}


def user_get_or_create(
    *, username: str, password: str = "", password_hash: str = "", full_name: str = "", email: str = ""
) -> tuple[User, bool]:
    """Create the user with ``password`` (or an already hashed ``password_hash``) unless it exists.

    Bulk callers such as the demo seed pass one precomputed hash: hashing the
    same password a hundred times costs minutes and buys nothing.
    """
    user, created = User.objects.get_or_create(username=username, defaults={"full_name": full_name, "email": email})
    if created:
        if password_hash:
            user.password = password_hash
        else:
            user.set_password(password)
        user.save(update_fields=["password"])
    return user, created


def membership_grant(
    *, user: User, role: str, region: Region | None = None, unit=None, party: str = ""
) -> Membership:
    """Give ``user`` a role in a region or unit; idempotent."""
    allowed_levels = ROLE_REGION_LEVELS.get(role)
    if allowed_levels and (region is None or region.level not in allowed_levels):
        levels = "、".join(str(RegionLevel(level).label) for level in allowed_levels)
        raise ValidationError(f"角色“{Role(role).label}”须绑定到{levels}级区域。")
    membership, _ = Membership.objects.get_or_create(
        user=user, role=role, region=region, unit=unit, defaults={"party": party}
    )
    if membership.party != party:
        membership.party = party
        membership.full_clean()
        membership.save(update_fields=["party"])
    return membership
