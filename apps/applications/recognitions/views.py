from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django_ratelimit.decorators import ratelimit

from apps.accounts.permissions import regions_for, role_required
from apps.accounts.roles import CAMPAIGN_ROLES, STAFF_ROLES
from apps.applications.notices.selectors import province_decision_passed
from apps.applications.workflow.offices import proposes_for
from apps.campaigns.rules import LEVEL_WORDS_SHOWN
from apps.core.official import in_official_language
from apps.core.pagination import BoundedPaginator
from apps.core.params import whole_number
from apps.core.public_cache import plain_page_number, public_cached
from apps.regions.models import RegionLevel

from .certificates import certificate_issuer, certificate_pdf, verification_url
from .forms import CertificateLookupForm
from .models import Recognition
from .numbers import certificate_number_normalise
from .selectors import (
    named_filter_choices,
    named_public_list,
    recognition_list_for,
    recognition_page_kept,
    recognition_public_get,
    recognition_total_kept,
)

ANY_ROLE = CAMPAIGN_ROLES
COUNTY_AND_ABOVE = (RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY)
NAMED_PER_PAGE = 50


@transaction.non_atomic_requests  # read-only and public: no BEGIN, no health check on a cache hit
@ratelimit(key="ip", rate="60/m", block=True)
def verify(request, number: str):
    """Public: anyone holding a certificate may check it, without an account.

    The certificate's part of the page is kept rendered per number (public_cache): the services that change a
    title (naming, renewal, revocation, expiry) drop it, and the date in the key turns "valid" into "expired"
    at midnight. What else it shows (the unit's name, the issuing office) may be ten minutes old.
    """
    normalised = certificate_number_normalise(number)
    # No stored number is longer (the column's length): such a request is not looked up, nor kept.
    verified = (public_cached("verify", normalised, build=lambda: _verified_html(number))
                if len(normalised) <= Recognition._meta.get_field("number").max_length else None)
    return render(
        request, "recognitions/verify.html",
        {"verified": mark_safe(verified) if verified else "",  # our own template's output, escaped as it rendered
         "number": number, "form": CertificateLookupForm(initial={"number": number})},
        status=200 if verified else 404,
    )


def _verified_html(number: str) -> str | None:
    recognition = recognition_public_get(number=number)
    if recognition is None:
        return None
    return render_to_string("recognitions/_verified.html", {
        "recognition": recognition,
        "province_decision": province_decision_passed(application_id=recognition.application_id),
        "issuer": certificate_issuer(recognition),
        "level_shown": LEVEL_WORDS_SHOWN.get(recognition.level, recognition.level),  # the printed word, translated
    })


@transaction.non_atomic_requests  # read-only and public: no BEGIN, no health check on a cache hit
@ratelimit(key="ip", rate="60/m", block=True)
def verify_lookup(request):
    """Public: the look-up form; a valid number goes to its verification page."""
    form = CertificateLookupForm(request.GET or None)
    if form.is_valid():
        return redirect("recognitions:verify", number=form.cleaned_data["number"])
    return render(request, "recognitions/verify.html", {"form": form, "recognition": None, "number": ""})


@transaction.non_atomic_requests  # read-only and public: no BEGIN, no health check on a cache hit
def named_list(request):
    """Public: the units named so far, by county and year (cached per filter and page, see public_cache)."""
    year = request.GET.get("year", "")
    county = request.GET.get("county", "")
    year_number, county_id = whole_number(year, maximum=9999), whole_number(county)
    asked = request.GET.get("page", "")
    # The page's pieces (total, page number, rows, filter form) are kept together too, so a visitor's request is
    # one cache round trip instead of four. Only a plain page number up to 9999 is kept so (a province has ~1,000
    # pages); anything else ("0", "-1", "0001", "x") is read from the pieces as before, so no visitor can make
    # more entries than there are plain numbers.
    if plain_page_number(asked):
        total, number, shown, filters = public_cached("named-page", year_number, county_id, asked, build=lambda: (
            _named_pieces(year_number, county_id, asked)))
    else:
        total, number, shown, filters = _named_pieces(year_number, county_id, asked)
    query = "&".join(f"{k}={v}" for k, v in (("year", year), ("county", county)) if v)
    return render(request, "recognitions/named_list.html", {
        "page": Paginator(range(total), NAMED_PER_PAGE).get_page(number), "rows": shown,
        "filters": mark_safe(filters),  # our own template's output, escaped
        "year": year, "county": county, "query": query, "today": timezone.localdate(),
    })


def _named_pieces(year_number: int | None, county_id: int | None, asked: str) -> tuple[int, int, str, str]:
    """The named list's total, page number, rendered rows and rendered filter form, each cached on its own."""
    rows = named_public_list(year=year_number, county_id=county_id)
    total = public_cached("named-count", year_number, county_id, build=rows.count)
    # The total is cached, so the page number is checked against it without counting again.
    numbered = Paginator(range(total), NAMED_PER_PAGE).get_page(asked)
    bottom = numbered.start_index() - 1 if total else 0
    # The page's rows are kept rendered: what a visitor's request then costs is the filters and the frame.
    shown = public_cached("named-rows", year_number, county_id, numbered.number, build=lambda: render_to_string(
        "recognitions/_named_rows.html", {"rows": rows[bottom:bottom + NAMED_PER_PAGE]}))
    choices = public_cached("named-filters", build=named_filter_choices)
    # The filter form is kept rendered too (its county list is a province's counties, ~100 options that cost more
    # than the rest of the page), per selection among the choices offered: any other value selects nothing.
    chosen_year = year_number if year_number in choices["years"] else None
    chosen_county = county_id if county_id in {c.pk for c in choices["counties"]} else None
    filters = public_cached("named-form", chosen_year, chosen_county, build=lambda: render_to_string(
        "recognitions/_named_filters.html", {**choices, "year": chosen_year, "county": chosen_county}))
    return total, numbered.number, shown, filters


# Past this many titles (a county's or a city's) a page walks the titles in the list's order
# (the recognition_list_order index) and keeps the jurisdiction's: at 1,000 of the province's 46,000, a page of 50
# is found within ~2,500 index entries. A smaller list (a township's) is read from its own units' titles.
WALK_FROM = 1_000
COUNT_CAP = 10_000


@role_required(*ANY_ROLE)
def recognition_list(request):
    """The titles in newest-year, number order. Counted and, for a large jurisdiction, paged as a semi-join
    (the jurisdiction's units hashed once): probing a city's 41,000 units one by one on the titles' unit index
    read 86,000 pages for the count and again for the page."""
    listed = _shown(recognition_list_for(user=request.user))
    walked = _shown(recognition_list_for(user=request.user, semi_join=True))
    # A township's few hundred units are probed faster than the province's titles are read to hash them.
    counted = walked if _spans_a_county(request.user) else listed
    page = BoundedPaginator(listed, 50, cap=COUNT_CAP, large=walked, large_from=WALK_FROM, counted=counted,
                            kept=lambda count: recognition_total_kept(user=request.user, count=count),
                            kept_page=lambda number, read: recognition_page_kept(user=request.user, number=number,
                                                                                 read=read),
                            ).get_page(request.GET.get("page"))
    return render(request, "recognitions/list.html", {"page": page})


def _shown(titles):
    """The list's order, and for the page's rows what the table shows: a title's number, wording, grade, end and
    status, its unit's name and whether its standard is an example (two model instances a row fewer than the
    selector's joins, and no unused columns)."""
    return titles.select_related(None).select_related("unit", "application__standard").only(
        "number", "title", "grade", "valid_until", "status", "unit__name", "application__standard__is_example",
    ).order_by("-year", "number")


def _spans_a_county(user) -> bool:
    return any(region.level in COUNTY_AND_ABOVE for region in regions_for(user, STAFF_ROLES))


@role_required(*ANY_ROLE)
@in_official_language
def certificate_download(request, pk: int):
    recognition = get_object_or_404(recognition_list_for(user=request.user, semi_join=True), pk=pk)
    response = HttpResponse(certificate_pdf(recognition, request), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{recognition.number}.pdf"'
    return response


@role_required(*ANY_ROLE)
def recognition_detail(request, pk: int):
    recognition = get_object_or_404(recognition_list_for(user=request.user, semi_join=True), pk=pk)
    return render(request, "recognitions/detail.html", {
        "recognition": recognition, "verify_url": verification_url(recognition, request),
        "issuer": certificate_issuer(recognition),
        # Offered to the office the locality's policy has propose revocations (revocation_proposer).
        "can_propose_revocation": recognition.is_valid_today and proposes_for(request.user, recognition.unit),
    })
