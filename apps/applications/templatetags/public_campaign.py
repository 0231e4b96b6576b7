from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from apps.applications.notices.selectors import notices_current
from apps.applications.recognitions.forms import CertificateLookupForm
from apps.applications.recognitions.selectors import named_counts_by_county_and_year
from apps.core.public_cache import public_cached

register = template.Library()


def _public_campaign_html() -> str:
    return render_to_string("notices/_public_cards.html", {
        "notices": list(notices_current()[:10]), "named_counts": named_counts_by_county_and_year(),
        "lookup_form": CertificateLookupForm(),
    })


@register.simple_tag
def public_campaign_cards() -> SafeString:
    """The public home page's section: open notices, named units by county and year, certificate look-up.

    Kept rendered (nothing in it depends on who asks; the language and the date are in the key): rendering its
    table of counts per county and year cost more than the rest of the home page.
    """
    return mark_safe(public_cached("home-cards-html", build=_public_campaign_html))  # our own template's output
