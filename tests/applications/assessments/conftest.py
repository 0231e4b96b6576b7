from pathlib import Path

import pytest
from django.conf import settings

from apps.standards.services import standard_load
from tests.factories import CampaignYearFactory

STANDARDS = Path(settings.BASE_DIR) / "fixtures" / "standards"


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def linfen_standard(regions):
    standard, _ = standard_load(text=(STANDARDS / "linfen_enterprise_2023.yaml").read_text(), source="linfen")
    return standard


@pytest.fixture
def demo_standard(regions):
    standard, _ = standard_load(text=(STANDARDS / "demo_all_features.yaml").read_text(), source="demo")
    return standard


@pytest.fixture
def campaign(regions):
    return CampaignYearFactory(city=regions.city)


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LINFEN_FULL_MARKS = {"1": "10", "2": "15", "3": "12", "4": "10", "5": "10", "6": "8", "7": "10", "8": "10",
                     "9": "15", "F1": "no", "F2": "no", "F3": "no"}


def pdf_upload(name: str = "自评报告.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def fill(application, by, answers: dict[str, str]) -> None:
    from apps.applications.assessments.services import answer_save

    criteria = {c.code: c for c in application.standard.criteria.all()}
    for code, value in answers.items():
        answer_save(application=application, criterion=criteria[code], value=value, narrative=f"说明{code}", by=by)


def attach_required(application, by) -> None:
    from apps.applications.assessments.models import EvidenceKind
    from apps.applications.assessments.services import evidence_add

    evidence_add(application=application, upload=pdf_upload("职代会决议.pdf"), kind=EvidenceKind.CONGRESS_APPROVAL,
                 by=by)
    evidence_add(application=application, upload=pdf_upload("承诺书.pdf"), kind=EvidenceKind.COMMITMENT, by=by)


@pytest.fixture
def application(cast, campaign, linfen_standard):
    from django.utils import timezone

    from apps.applications.assessments.services import application_open

    return application_open(unit=cast.unit_a, by=cast.rep_a, today=timezone.localdate())


@pytest.fixture
def ready_application(application, cast):
    fill(application, cast.rep_a, LINFEN_FULL_MARKS)
    attach_required(application, cast.rep_a)
    return application
