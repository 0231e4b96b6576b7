"""The standard in force: the page staff read, the choice made by the admin of the level, file uploads."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from apps.accounts.models import Role
from apps.accounts.permissions import has_role, role_required
from apps.standards.loader import StandardFileError

from .in_force import (
    CHOOSER_ROLES,
    READER_ROLES,
    chooser_regions,
    questionnaire_upload,
    standard_in_force_list_for,
    standard_in_force_managed_by,
    standard_in_force_save,
    standard_upload,
    standards_choosable,
)
from .in_force_forms import StandardFileForm, StandardInForceForm
from .loading import SurveyFileError

UPLOADER_ROLES = (Role.CITY_ADMIN, Role.SYSTEM_ADMIN)


@role_required(*READER_ROLES)
def standard_in_force_list(request):
    rows = standard_in_force_list_for(user=request.user).order_by("region__path", "-year", "unit_kind", "pk")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    # Which of the page's rows the user may change (not every choice they manage).
    managed = set(standard_in_force_managed_by(user=request.user).filter(pk__in=[row.pk for row in page])
                  .values_list("pk", flat=True))
    return render(request, "standards/in_force_list.html", {
        "page": page, "managed": managed,
        "can_choose": has_role(request.user, *CHOOSER_ROLES) and chooser_regions(user=request.user).exists(),
        "can_upload": has_role(request.user, *UPLOADER_ROLES),
    })


@role_required(*CHOOSER_ROLES)
def standard_in_force_edit(request, pk: int | None = None):
    instance = get_object_or_404(standard_in_force_managed_by(user=request.user), pk=pk) if pk else None
    regions = chooser_regions(user=request.user)
    form = StandardInForceForm(request.POST or None, instance=instance, regions=regions,
                               standards=standards_choosable(regions=regions))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            row = standard_in_force_save(
                region=data["region"], year=data["year"], unit_kind=data["unit_kind"], standard=data["standard"],
                questionnaire=data["questionnaire"], enterprise_size=data["enterprise_size"],
                industry=data["industry"], basis=data["basis"], example_confirmed=data["example_confirmed"],
                instance=instance, by=request.user,
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("已选定：%(row)s") % {"row": row})
            return redirect("surveys:standards")
    return render(request, "standards/in_force_form.html", {"form": form, "row": instance})


@role_required(*UPLOADER_ROLES)
def standard_file_upload(request):
    form = StandardFileForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content, name = upload.read(), upload.name
        try:
            if form.cleaned_data["kind"] == StandardFileForm.STANDARD:
                standard, written = standard_upload(content=content, name=name, by=request.user)
                what = f"{standard.title}（{standard.code} 版本 {standard.version}）"
            else:
                result = questionnaire_upload(content=content, name=name)
                written, what = not result.unchanged, f"{result.template.title}（{result.template.version}）"
        except (StandardFileError, SurveyFileError) as exc:
            errors = exc.errors
        else:
            if written:
                messages.success(request, _("已载入：%(what)s。选定后即可适用。") % {"what": what})
            else:
                messages.info(request, _("%(what)s 已载入过，文件内容完全相同，未做改动。") % {"what": what})
            return redirect("surveys:standards")
    return render(request, "standards/upload.html", {"form": form, "file_errors": errors})
