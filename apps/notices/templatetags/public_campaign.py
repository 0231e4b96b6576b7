from django import template

from apps.recognitions.forms import CertificateLookupForm
from apps.recognitions.selectors import named_counts_by_county_and_year

from ..selectors import notices_current

register = template.Library()


@register.inclusion_tag("notices/_public_cards.html")
def public_campaign_cards() -> dict:
    """The public home page's section: open notices, named units by county and year, certificate look-up."""
    return {
        "notices": list(notices_current()[:10]),
        "named_counts": named_counts_by_county_and_year(),
        "lookup_form": CertificateLookupForm(),
    }
