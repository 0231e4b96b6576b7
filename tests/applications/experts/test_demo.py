"""seed_demo's expert pool: the demo county can draw its submitted application's panel; run twice, nothing doubles."""

import pytest
from django.core.management import call_command

from apps.accounts.models import User
from apps.applications.assessments.models import Application
from apps.applications.experts.models import Expert
from apps.applications.experts.services import panel_draw
from apps.applications.workflow.states import Status

pytestmark = pytest.mark.django_db


def test_seed_demo_gives_yaodu_a_pool_it_can_draw_a_panel_from(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    call_command("seed_demo")
    count = Expert.objects.count()
    call_command("seed_demo")
    assert Expert.objects.count() == count == 13
    application = Application.objects.filter(unit__region__code="141002", status=Status.SUBMITTED).first()
    draw = panel_draw(application=application, by=User.objects.get(username="county_admin_141002"))
    assert draw.reproduces and application.review_panel.members.count() == 4
    assert {row[1] for row in draw.excluded} == {"无本县(市、区)该方评分账号"}  # the city's experts have no account
