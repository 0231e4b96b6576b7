"""``{{ contact_name|name_shown:full }}``, ``{{ contact_phone|phone_shown:full }}``: masked unless ``full``."""

from django import template

from apps.core import pii

register = template.Library()
register.filter("name_shown", pii.name_shown)
register.filter("phone_shown", pii.phone_shown)
