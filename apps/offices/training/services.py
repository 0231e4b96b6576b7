from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from apps.accounts.models import User
from apps.applications.assessments.evidence_files import evidence_file_check, safe_name
from apps.offices.this_year import office_figures_changed
from apps.registry.coordinators.models import Coordinator
from apps.registry.units.models import Unit

from .models import Training, TrainingMaterial

FIELDS = ("held_on", "kind", "method", "region", "organiser", "topic", "audience", "hours", "people_count",
          "summary")
TEXT_FIELDS = ("method", "audience", "summary")


def _material_check(upload: UploadedFile) -> str:
    """Materials meet the rules of any evidence (apps/core/uploads.py through evidence_file_check): size, type by
    content, no hidden code; the message names the field."""
    try:
        return evidence_file_check(upload)
    except ValidationError as error:
        raise ValidationError({"files": error.messages}) from error


@transaction.atomic
def training_save(*, training: Training | None, data: dict[str, Any], units: list[Unit],
                  coordinators: list[Coordinator], files: list[UploadedFile] = (), by: User) -> Training:
    """Record a session or change one; every file is checked before anything is written."""
    detected = [_material_check(upload) for upload in files]
    if data["held_on"] > timezone.localdate():
        raise ValidationError({"held_on": gettext("举办日期不能晚于今天。")})
    training = training or Training(recorded_by=by)
    was_in = training.region_id
    for key in FIELDS:
        setattr(training, key, data.get(key))
    for key in TEXT_FIELDS:  # an optional text left empty is stored as "", never NULL
        setattr(training, key, data.get(key) or "")
    if len(coordinators) > training.people_count:
        raise ValidationError({"people_count": gettext("参加人数（%(people)s）少于勾选的"
                                                       "协调员人数（%(ticked)s），请核对。")
                                               % {"people": training.people_count, "ticked": len(coordinators)}})
    training.full_clean()
    training.save()
    training.units.set(units)
    training.coordinators.set(coordinators)
    office_figures_changed(region_ids=[was_in, training.region_id])
    for upload, content_type in zip(files, detected, strict=True):
        _material_save(training=training, upload=upload, content_type=content_type, by=by)
    return training


def _material_save(*, training: Training, upload: UploadedFile, content_type: str, by: User) -> TrainingMaterial:
    material = TrainingMaterial(training=training, original_name=safe_name(upload.name), content_type=content_type,
                                size=upload.size, uploaded_by=by)
    material.file.save(upload.name, upload, save=False)
    material.save()
    return material
