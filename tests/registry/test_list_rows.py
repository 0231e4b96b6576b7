"""The unit list's and the title list's rows written in Python (registry.templatetags.unit_rows,
applications.templatetags.recognition_rows) are the bytes the template's row loops wrote, in both languages:
an enterprise with and without an industry, head count or confirmed code, a park, names to escape; a title with and
without an end date and grade, expired."""

from datetime import date, datetime

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.utils import timezone, translation

from apps.applications.recognitions.models import Recognition
from apps.applications.templatetags.recognition_rows import recognition_rows
from apps.registry.enterprises.models import IndustryClass
from apps.registry.parks.models import AreaKind
from apps.registry.parks.services import park_create
from apps.registry.templatetags.unit_rows import unit_rows
from apps.registry.units.models import Unit
from tests.factories import EnterpriseFactory, UnitFactory

pytestmark = pytest.mark.django_db

UNIT_LOOP = """{% load i18n %}{% for unit in page %}
    <tr>
      <td><a href="{% url 'registry:unit_detail' unit.pk %}">{{ unit.name }}</a></td>
      <td>{{ unit.get_kind_display }}</td>
      <td>{{ unit.enterprise.uscc }}{% if unit.enterprise.uscc_needs_confirmation %} <span class="badge text-bg-warning">{% translate "待核实" %}</span>{% endif %}</td>
      <td>{{ unit.region.name }}{% if unit.township %} · {{ unit.township.name }}{% endif %}</td>
      <td>{{ unit.enterprise.industry.name }}</td>
      <td>{{ unit.enterprise.get_size_display }}</td>
      <td>{{ unit.enterprise.employee_count|default_if_none:"" }}</td>
      <td>{{ unit.enterprise.credit_grade }}</td>
      <td>{{ unit.get_verification_status_display }}</td>
    </tr>
  {% endfor %}"""  # noqa: E501 - the template's lines as they were

TITLE_LOOP = """{% load i18n %}{% for r in page %}
    <tr><td><a href="{% url 'recognitions:detail' r.pk %}">{{ r.number }}</a></td><td>{{ r.unit.name }}</td><td>{{ r.full_title }}</td>
      <td>{{ r.valid_until|date:"Y-m-d"|default:_("不设固定期限") }}</td><td>{{ r.get_current_status_display }}</td>
      <td><a href="{% url 'recognitions:certificate' r.pk %}">{% translate "下载证书" %}</a></td></tr>
  {% endfor %}"""  # noqa: E501


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_unit_rows_are_the_template_loops_bytes(regions, language):
    industry = IndustryClass.objects.filter(section__isnull=False).first()
    EnterpriseFactory(unit__name="甲<公司> & 子", unit__region=regions.county_x, unit__township=regions.township_x,
                      industry=industry, employee_count=12345, credit_grade="A", uscc_check_failed=True)
    EnterpriseFactory(unit__name="乙公司", unit__region=regions.county_x, industry=None, employee_count=None,
                      uscc_check_failed=True, uscc_confirmed_at=timezone.make_aware(datetime(2025, 1, 1)))
    EnterpriseFactory(unit__name="丙公司", unit__region=regions.county_y, size="small", employee_count=0)
    park_create(name="演示工业园区", region=regions.county_x, area_kind=AreaKind.INDUSTRIAL_PARK, by=None)
    UnitFactory(name="无档案单位", region=regions.county_y)
    units = Unit.objects.select_related("region", "township", "enterprise__industry").order_by("name", "pk")
    page = Paginator(list(units), 25).page(1)
    with translation.override(language):
        assert str(unit_rows(page)) == Template(UNIT_LOOP).render(Context({"page": page}))


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_title_rows_are_the_template_loops_bytes(cast, regions, language):
    for n, (until, grade) in enumerate([(date(2027, 11, 30), ""), (None, "一级"), (date(2020, 1, 1), "")]):
        Recognition.objects.create(
            unit=UnitFactory(name=f"单位<{n}>", region=regions.county_x), city=regions.city, year=2024 - n,
            sequence=n, number=f"141000-{2024 - n}-{n:04d}", title="劳动关系和谐企业 & 园区", grade=grade,
            issued_on=date(2019, 12, 1), valid_until=until, issued_by=cast.city_admin, score=90)
    titles = Recognition.objects.select_related("unit", "application__standard").order_by("-year", "number")
    page = Paginator(list(titles), 50).page(1)
    with translation.override(language):
        assert str(recognition_rows(page)) == Template(TITLE_LOOP).render(Context({"page": page}))
