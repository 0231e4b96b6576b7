from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.permissions import role_required
from apps.accounts.roles import ADMIN_ROLES
from apps.core.excel import xlsx_response
from apps.core.excel_import import ImportFileError
from apps.core.official import in_official_language

from .forms import ImportUploadForm
from .import_batches import import_batch_confirm, import_batch_create
from .imports import enterprises_parse, template_xlsx_for
from .models import ImportKind, ImportStatus
from .selectors import counties_for, import_batch_for
from .unit_imports import UNIT_IMPORTS, unit_template_xlsx, units_parse

TEMPLATE_NAMES = {
    ImportKind.ENTERPRISE: "enterprise-import-template.xlsx",
    ImportKind.PARK: "park-township-import-template.xlsx",
    ImportKind.INDUSTRY: "industry-import-template.xlsx",
}
# URL names of each kind's upload and template pages.
UPLOAD_URLS = {ImportKind.ENTERPRISE: "registry:import_upload", ImportKind.PARK: "registry:import_upload_parks",
               ImportKind.INDUSTRY: "registry:import_upload_industries"}
TEMPLATE_URLS = {ImportKind.ENTERPRISE: "registry:import_template",
                 ImportKind.PARK: "registry:import_template_parks",
                 ImportKind.INDUSTRY: "registry:import_template_industries"}


@role_required(*ADMIN_ROLES)
@in_official_language
def import_template(request: HttpRequest, kind: str = ImportKind.ENTERPRISE) -> HttpResponse:
    counties = counties_for(user=request.user)
    if kind == ImportKind.ENTERPRISE:
        content = template_xlsx_for(counties=counties)
    else:
        content = unit_template_xlsx(spec=UNIT_IMPORTS[kind], counties=counties)
    return xlsx_response(content, filename=TEMPLATE_NAMES[kind])


@role_required(*ADMIN_ROLES)
def import_upload(request: HttpRequest, kind: str = ImportKind.ENTERPRISE) -> HttpResponse:
    """Upload → parse and check every row → a stored batch to preview. Nothing is imported yet."""
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        counties = counties_for(user=request.user)
        try:
            if kind == ImportKind.ENTERPRISE:
                parsed = enterprises_parse(upload=upload, size=upload.size, counties=counties)
            else:
                parsed = units_parse(spec=UNIT_IMPORTS[kind], upload=upload, size=upload.size, counties=counties)
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            batch = import_batch_create(owner=request.user, file_name=upload.name, parsed=parsed, kind=kind)
            return redirect("registry:import_preview", pk=batch.pk)
    return render(request, "registry/import_upload.html", {
        "form": form, "kind": ImportKind(kind), "template_url": TEMPLATE_URLS[kind],
        "other_kinds": [(ImportKind(other), url) for other, url in UPLOAD_URLS.items() if other != kind],
    }, status=400 if form.errors else 200)


@role_required(*ADMIN_ROLES)
def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(import_batch_for(user=request.user), pk=pk)
    return render(request, "registry/import_preview.html", {
        "batch": batch, "row_count": len(batch.rows), "sample": batch.rows[:20],
        "confirmed": batch.status == ImportStatus.CONFIRMED, "upload_url": UPLOAD_URLS[batch.kind],
    })


@require_POST
@role_required(*ADMIN_ROLES)
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(import_batch_for(user=request.user), pk=pk)
    try:
        count = import_batch_confirm(batch=batch, by=request.user, counties=counties_for(user=request.user))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("registry:import_preview", pk=batch.pk)
    if batch.kind == ImportKind.ENTERPRISE:
        messages.success(request, _("已导入 %(count)d 家企业。") % {"count": count})
    else:
        messages.success(request, _("已导入 %(count)d 个单位（%(kind)s）。") % {
            "count": count, "kind": batch.get_kind_display(),
        })
    return redirect("registry:unit_list")
