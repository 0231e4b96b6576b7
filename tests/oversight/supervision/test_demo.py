"""seed_demo's supervision module: visits with items at each step, and target tasks; run twice, nothing doubles."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from apps.oversight.supervision.models import RectificationItem, SupervisionVisit
from apps.oversight.supervision.selectors import overdue_items_of
from apps.regions.models import Region
from apps.reports.models import TargetTask
from apps.reports.targets import target_figures

pytestmark = pytest.mark.django_db


def test_seed_demo_leaves_an_overdue_item_at_yaodu_and_indicators_behind_in_changchun(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    call_command("seed_demo")
    counts = (SupervisionVisit.objects.count(), RectificationItem.objects.count(), TargetTask.objects.count())
    call_command("seed_demo")
    assert (SupervisionVisit.objects.count(), RectificationItem.objects.count(),
            TargetTask.objects.count()) == counts == (3, 4, 8)
    today = timezone.localdate()
    yaodu = Region.objects.get(code="141002")
    assert [item.description for item in overdue_items_of(region=yaodu, today=today)] == ["补齐 3 家企业的自评佐证材料"]
    # The 包保 chain below 尧都区: its first street's task, and the street's task for the demo enterprise.
    assert TargetTask.objects.filter(region__parent=yaodu, unit__isnull=True).count() == 1
    assert TargetTask.objects.get(unit__isnull=False).unit.name == "尧都区演示企业有限公司"
    changchun = target_figures(Region.objects.get(code="220100"), today.year)
    assert (changchun.tasks, changchun.done, changchun.overdue) == (3, 1, 1)
    assert [s.name for s in changchun.behind] == ["劳动用工备案率", "劳动关系协调工作经费到位率"]
