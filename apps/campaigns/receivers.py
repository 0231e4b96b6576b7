"""A campaign policy saved or deleted, by whatever path, moves on what is kept from the policies
(``selectors.any_names``: whether a county admin's county names, asked by their menu on every page;
``selectors.policies_for``: the versions at and above a list page's regions). A queryset ``update()`` sends no
signal: whoever writes one calls ``policies_changed()``."""

from django.db.models.signals import post_delete, post_save

from .models import CampaignPolicy
from .selectors import policies_changed


def policy_changed(sender, instance, **kwargs) -> None:
    policies_changed()


def connect() -> None:
    post_save.connect(policy_changed, sender=CampaignPolicy, dispatch_uid="campaigns.policy_changed.save")
    post_delete.connect(policy_changed, sender=CampaignPolicy, dispatch_uid="campaigns.policy_changed.delete")
