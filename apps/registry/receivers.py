"""A unit's change drops the kept copy of the users whose memberships name it (apps/accounts/kept_user.py): the
copy holds the unit's row (its name, region, verification). On every save, by whatever path."""

from django.db.models.signals import post_save

from apps.accounts.kept_user import users_kept_changed
from apps.accounts.models import Membership

from .units.models import Unit


def unit_changed(sender, instance, created=False, **kwargs) -> None:
    if not created:
        users_kept_changed(user_ids=Membership.objects.filter(unit_id=instance.pk).values_list("user_id", flat=True))


def connect() -> None:
    post_save.connect(unit_changed, sender=Unit, dispatch_uid="registry.unit_changed")
