"""Every date field is an <input type=date> with an ISO value: otherwise the browser shows it empty and
saving the form erases the date (a coordinator's certificate validity was lost this way)."""

import datetime
import importlib
import pkgutil

import django_filters
import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone, translation

import apps

DAY = datetime.date(2025, 4, 1)


def _subclasses(base: type) -> set[type]:
    found = set()
    for cls in base.__subclasses__():
        found |= {cls} | _subclasses(cls)
    return found


def _portal_date_fields() -> list[tuple[str, forms.Field]]:
    for module in pkgutil.walk_packages(apps.__path__, "apps."):
        if module.name.rsplit(".", 1)[-1] in ("forms", "filters"):
            importlib.import_module(module.name)
    fields = []
    for form in _subclasses(forms.BaseForm):
        if form.__module__.startswith("apps."):
            fields += [(f"{form.__name__}.{name}", field) for name, field in form.base_fields.items()]
    for filterset in _subclasses(django_filters.FilterSet):
        if filterset.__module__.startswith("apps."):
            fields += [(f"{filterset.__name__}.{name}", f.field_class(**f.extra))
                       for name, f in filterset.base_filters.items() if issubclass(f.field_class, forms.DateField)]
    return [(name, field) for name, field in fields
            if isinstance(field, forms.DateField) or isinstance(field.widget, forms.DateInput)]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_date_field_renders_an_iso_date_input(language):
    fields = _portal_date_fields()
    assert len(fields) >= 15, [name for name, _field in fields]  # the walk found the portal's forms
    wrong = []
    with translation.override(language):
        for name, field in fields:
            html = field.widget.render("d", DAY)
            if 'type="date"' not in html or 'value="2025-04-01"' not in html:
                wrong.append(f"{name}: {html}")
    assert not wrong


@pytest.mark.django_db
def test_the_grant_and_notice_forms_show_todays_date(client, cast):
    today = timezone.localdate().isoformat()
    client.force_login(cast.county_admin_x)
    assert f'value="{today}"' in client.get(reverse("incentives:grant_create")).content.decode()
    client.force_login(cast.city_admin)
    assert f'value="{today}"' in client.get(reverse("notices:manage")).content.decode()
