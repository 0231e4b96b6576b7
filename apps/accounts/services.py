from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext, pgettext

from apps.core.links import absolute_url
from apps.core.phones import phone_normalise
from apps.regions.models import Region, RegionLevel

from .models import AccountEvent, AccountEventKind, Membership, Role, User
from .passwords import old_password_guesses_forget
from .permissions import home_region_of
from .selectors import users_resettable_by

# The region level each staff role is bound to.
ROLE_REGION_LEVELS = {
    Role.TOWNSHIP_STAFF: {RegionLevel.TOWNSHIP, RegionLevel.COMMUNITY},
    Role.COUNTY_REVIEWER: {RegionLevel.COUNTY},
    Role.COUNTY_ADMIN: {RegionLevel.COUNTY},
    Role.COORDINATOR: {RegionLevel.COUNTY, RegionLevel.TOWNSHIP, RegionLevel.COMMUNITY},
    Role.CITY_ADMIN: {RegionLevel.CITY},
    # A department consulted by a naming office: the city's, or a district's where the district names.
    Role.DEPARTMENT_STAFF: {RegionLevel.CITY, RegionLevel.COUNTY},
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
        levels = pgettext("list separator", "、").join(str(RegionLevel(level).label) for level in allowed_levels)
        raise ValidationError(gettext("角色“%(role)s”须绑定到%(levels)s级区域。")
                              % {"role": Role(role).label, "levels": levels})
    existing = Membership.objects.filter(user=user, role=role, region=region, unit=unit).first()
    if existing is None:
        Membership(user=user, role=role, region=region, unit=unit, party=party).clean()  # 三员分立
    membership, _ = Membership.objects.get_or_create(
        user=user, role=role, region=region, unit=unit, defaults={"party": party}
    )
    if membership.party != party:
        membership.party = party
        membership.full_clean()
        membership.save(update_fields=["party"])
    return membership


def account_event_record(
    *, kind: str, user: User | None = None, username: str = "", by: User | None = None, ip_address: str | None = None
) -> AccountEvent:
    """Keep a sign-in, sign-out or password event for the security audit, under the user's region."""
    return AccountEvent.objects.create(
        kind=kind, user=user, username=(user.username if user is not None else username)[:150], by=by,
        ip_address=ip_address or None, region=home_region_of(user) if user is not None else None,
    )


def password_reset_link_send(*, user: User) -> None:
    """E-mail ``user`` a one-time link to choose a new password (valid PASSWORD_RESET_TIMEOUT).

    The link is absolute on PUBLIC_BASE_URL: the mail is read outside the
    portal, and behind the intranet proxy the request's own host name is not
    the one people type.
    """
    path = reverse("accounts:password_reset_confirm", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user),
    })
    context = {"user": user, "reset_url": absolute_url(path), "login_url": absolute_url(reverse("accounts:login"))}
    subject = "".join(render_to_string("emails/password_reset_subject.txt", context).splitlines())
    send_mail(subject=subject, message=render_to_string("emails/password_reset_body.txt", context),
              from_email=None, recipient_list=[user.email])


def user_password_choose(
    *, user: User, password: str, kind: str = AccountEventKind.PASSWORD_CHANGED, ip_address: str | None = None
) -> User:
    """The user chose a new password themselves (change form or e-mailed link): any forced change is done."""
    with transaction.atomic():
        user.set_password(password)
        user.must_change_password = False
        user.save(update_fields=["password", "must_change_password"])
        account_event_record(kind=kind, user=user, by=user, ip_address=ip_address)
    old_password_guesses_forget(user)
    return user


def _check_may_reset(*, user: User, by: User) -> None:
    if not users_resettable_by(user=by).filter(pk=user.pk).exists():
        raise PermissionDenied


def user_temporary_password_set(*, user: User, password: str, by: User, ip_address: str | None = None) -> User:
    """An administrator above ``user`` gives a temporary password; the user must change it at the next login."""
    _check_may_reset(user=user, by=by)
    validate_password(password, user)
    with transaction.atomic():
        user.set_password(password)
        user.must_change_password = True
        user.save(update_fields=["password", "must_change_password"])
        account_event_record(kind=AccountEventKind.TEMPORARY_PASSWORD_SET, user=user, by=by, ip_address=ip_address)
    return user


def user_reset_link_send(*, user: User, by: User, ip_address: str | None = None) -> None:
    """An administrator above ``user`` sends them the reset link by e-mail (the user then chooses the password)."""
    _check_may_reset(user=user, by=by)
    if not user.email:
        raise ValidationError(gettext("该用户未登记电子邮箱，无法发送重置链接，请改为设置临时密码。"))
    password_reset_link_send(user=user)
    account_event_record(kind=AccountEventKind.RESET_LINK_SENT, user=user, by=by, ip_address=ip_address)


def user_profile_update(*, user: User, full_name: str, email: str, phone: str, notify_by_email: bool = True,
                        notify_by_sms: bool = False) -> User:
    """The user's own name, e-mail address and phone, and the channels notifications reach them by."""
    user.full_name, user.email = full_name.strip(), email.strip()
    user.phone = phone_normalise(phone) if phone.strip() else ""
    user.notify_by_email, user.notify_by_sms = notify_by_email, notify_by_sms
    user.full_clean(validate_unique=False)
    user.save(update_fields=["full_name", "email", "phone", "notify_by_email", "notify_by_sms"])
    return user
