"""seed_demo's training and honours: the pages are not empty in the demo, and a second run adds nothing."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import User
from apps.offices.honours.models import Honour, HonourCategory
from apps.offices.training.models import Training, TrainingMaterial
from apps.offices.training.selectors import training_figures
from apps.regions.models import Region

pytestmark = pytest.mark.django_db


def test_seed_demo_fills_the_training_and_honour_pages_once(settings, tmp_path, capsys):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    call_command("seed_demo")
    counts = (Training.objects.count(), TrainingMaterial.objects.count(), Honour.objects.count())
    call_command("seed_demo")
    assert (Training.objects.count(), TrainingMaterial.objects.count(), Honour.objects.count()) == counts
    assert "培训宣传与荣誉推荐" in capsys.readouterr().out

    year = timezone.localdate().year
    county = Region.objects.get(code="141002")
    figures = training_figures(county, year)
    assert figures.sessions == 4 and figures.by_kind["协调员培训"] == 1 and figures.coordinator_hours > 0
    assert Honour.objects.filter(category=HonourCategory.COORDINATOR, title="金牌劳动关系协调员").exists()
    client = Client()
    client.force_login(User.objects.get(username="county_admin_141002"))
    page = client.get(reverse("training:list")).content.decode()
    assert "劳动关系协调员培训：劳动争议庭审观摩" in page and "和谐劳动关系大讲堂" in page
    hours = client.get(reverse("training:coordinator_hours")).content.decode()
    assert "演示协调员" in hours
    assert "金牌劳动关系协调员" in client.get(reverse("honours:list")).content.decode()
