"""The county's reviewers kept for the panel form (``selectors.county_reviewers``) are dropped by whatever path saves
or deletes a membership in the county (a reviewer added, moved or removed), and by a save of a user that may change
their name or active state (the form names them; an inactive one is not offered). A save of the sign-in's time or
the password alone changes neither. A queryset ``update()`` sends no signal: whoever writes one calls
``county_reviewers_changed``."""

from django.db.models.signals import post_delete, post_save

from apps.accounts.models import Membership, Role, User

from .selectors import county_reviewers_changed

# What a user's save may change without changing how the panel form offers them.
NOT_SHOWN = frozenset({"last_login", "password", "password_changed_at", "must_change_password"})


def membership_changed(sender, instance, **kwargs) -> None:
    county_reviewers_changed(county_ids=[instance.region_id])


def user_changed(sender, instance, update_fields=None, **kwargs) -> None:
    if update_fields is not None and set(update_fields) <= NOT_SHOWN:
        return
    county_reviewers_changed(county_ids=Membership.objects.filter(user_id=instance.pk, role=Role.COUNTY_REVIEWER)
                             .values_list("region_id", flat=True))


def connect() -> None:
    post_save.connect(membership_changed, sender=Membership, dispatch_uid="reviews.reviewers.membership.save")
    post_delete.connect(membership_changed, sender=Membership, dispatch_uid="reviews.reviewers.membership.delete")
    post_save.connect(user_changed, sender=User, dispatch_uid="reviews.reviewers.user.save")
