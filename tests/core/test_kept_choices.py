"""The reference lists a filter or the enterprise form offers are kept in the process for a few minutes."""

import pytest

from apps.core import choices
from apps.regions.models import Region
from apps.registry.filters import UnitFilter


def _region_select(user) -> str:
    return str(UnitFilter({}, user=user).form["region"])


@pytest.mark.django_db
def test_a_kept_list_is_the_select_django_writes_and_is_read_once(cast, django_assert_num_queries):
    first = _region_select(cast.city_admin)
    choices.kept_choices_clear()
    form = UnitFilter({}, user=cast.city_admin).form
    form.fields["region"].iterator = form.fields["region"].iterator.__mro__[1]  # Django's own iterator
    form.fields["region"].widget.choices = form.fields["region"].choices
    assert str(form["region"]) == first
    assert "临汾市" in first or "尧都区" in first
    _region_select(cast.city_admin)
    with django_assert_num_queries(0):
        assert _region_select(cast.city_admin) == first


@pytest.mark.django_db
def test_each_jurisdiction_has_its_own_list(cast):
    assert _region_select(cast.city_admin) != _region_select(cast.city_admin_other)


@pytest.mark.django_db
def test_a_kept_list_is_read_again_after_a_few_minutes(cast, regions, monkeypatch):
    before = _region_select(cast.city_admin)
    Region.objects.filter(pk=regions.county_x.pk).update(name="改名区")
    assert _region_select(cast.city_admin) == before
    later = choices.time.monotonic() + choices.KEPT_SECONDS + 1
    monkeypatch.setattr(choices.time, "monotonic", lambda: later)
    assert "改名区" in _region_select(cast.city_admin)


@pytest.mark.django_db
def test_a_blank_filter_form_is_kept_per_jurisdiction_and_one_offering_nothing_is_written_each_time(cast):
    written = []

    def render(form) -> str:
        written.append(form)
        return f"<div>{len(written)}</div>"

    city = choices.kept_blank_form(UnitFilter({}, user=cast.city_admin).form, "test-filter", render)
    assert choices.kept_blank_form(UnitFilter({}, user=cast.city_admin).form, "test-filter", render) == city
    other = choices.kept_blank_form(UnitFilter({}, user=cast.city_admin_other).form, "test-filter", render)
    assert other != city and len(written) == 2
    nothing = UnitFilter({}, user=cast.city_admin).form
    nothing.fields["region"].queryset = Region.objects.none()
    choices.kept_blank_form(nothing, "test-filter", render)
    choices.kept_blank_form(nothing, "test-filter", render)
    assert len(written) == 4


@pytest.mark.django_db
def test_a_list_that_offers_nothing_writes_its_empty_label_without_a_query(cast, django_assert_num_queries):
    form = UnitFilter({}, user=cast.city_admin).form
    form.fields["region"].queryset = Region.objects.none()
    with django_assert_num_queries(0):
        select = str(form["region"])
    assert select.count("<option") == 1
