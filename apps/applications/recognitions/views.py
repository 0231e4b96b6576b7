from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django_ratelimit.decorators import ratelimit

from apps.accounts.models import Role
from apps.accounts.permissions import role_required
from apps.core.params import whole_number
from apps.regions.models import Region, RegionLevel

from .certificates import certificate_pdf, verification_url
from .forms import CertificateLookupForm
from .selectors import named_public_list, named_years, recognition_list_for, recognition_public_get

ANY_ROLE = tuple(Role.values)


@ratelimit(key="ip", rate="60/m", block=True)
def verify(request, number: str):
    """Public: anyone holding a certificate may check it, without an account."""
    recognition = recognition_public_get(number=number)
    status = 200 if recognition else 404
    return render(
        request, "recognitions/verify.html",
        {"recognition": recognition, "number": number, "form": CertificateLookupForm(initial={"number": number})},
        status=status,
    )


@ratelimit(key="ip", rate="60/m", block=True)
def verify_lookup(request):
    """Public: the look-up form; a valid number goes to its verification page."""
    form = CertificateLookupForm(request.GET or None)
    if form.is_valid():
        return redirect("recognitions:verify", number=form.cleaned_data["number"])
    return render(request, "recognitions/verify.html", {"form": form, "recognition": None, "number": ""})


def named_list(request):
    """Public: the units named so far, by county and year."""
    year = request.GET.get("year", "")
    county = request.GET.get("county", "")
    rows = named_public_list(
        year=whole_number(year, maximum=9999), county_id=whole_number(county)
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    counties = Region.objects.filter(level=RegionLevel.COUNTY, units__recognitions__isnull=False).distinct()
    query = "&".join(f"{k}={v}" for k, v in (("year", year), ("county", county)) if v)
    return render(request, "recognitions/named_list.html", {
        "page": page, "years": named_years(), "counties": counties.in_code_order(),
        "year": year, "county": county, "query": query,
    })


@role_required(*ANY_ROLE)
def recognition_list(request):
    page = Paginator(recognition_list_for(user=request.user).order_by("-year", "number"), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "recognitions/list.html", {"page": page})


@role_required(*ANY_ROLE)
def certificate_download(request, pk: int):
    recognition = get_object_or_404(recognition_list_for(user=request.user), pk=pk)
    response = HttpResponse(certificate_pdf(recognition, request), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{recognition.number}.pdf"'
    return response


@role_required(*ANY_ROLE)
def recognition_detail(request, pk: int):
    recognition = get_object_or_404(recognition_list_for(user=request.user), pk=pk)
    return render(request, "recognitions/detail.html", {
        "recognition": recognition, "verify_url": verification_url(recognition, request),
    })
