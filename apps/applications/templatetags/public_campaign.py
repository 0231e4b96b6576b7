from django import template

from apps.applications.notices.selectors import notices_current
from apps.applications.recognitions.forms import CertificateLookupForm
from apps.applications.recognitions.selectors import named_counts_by_county_and_year
from apps.core.public_cache import public_cached

register = template.Library()


def _public_campaign_data() -> dict:
    return {"notices": list(notices_current()[:10]), "named_counts": named_counts_by_county_and_year()}


@register.inclusion_tag("notices/_public_cards.html")
def public_campaign_cards() -> dict:
    """The public home page's section: open notices, named units by county and year, certificate look-up."""
    return public_cached("home-cards", build=_public_campaign_data) | {"lookup_form": CertificateLookupForm()}
