"""Every select's empty choice reads "请选择" (English: "Please choose"), never "---------"."""

import django_filters
import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from apps.regions.models import Region
from apps.registry.enterprises.models import Ownership


class _Filter(django_filters.FilterSet):
    ownership = django_filters.ChoiceFilter(choices=Ownership.choices)

    class Meta:
        model = Region
        fields: list[str] = []


class _Form(forms.Form):
    region = forms.ModelChoiceField(queryset=Region.objects.none(), required=False)
    ownership = forms.ChoiceField(choices=[("", "---------"), *Ownership.choices], required=False)


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "label"), [("zh-hans", "请选择"), ("en", "Please choose")])
def test_model_choice_choice_and_filter_selects_offer_a_readable_empty_choice(language, label):
    with translation.override(language):
        html = str(_Form()) + str(_Filter().form)
    assert "---------" not in html
    assert html.count(f'<option value="" selected>{label}</option>') == 3


@pytest.mark.django_db
def test_the_portals_forms_never_show_dashes(client, cast):
    client.force_login(cast.county_admin_x)
    for url in (reverse("registry:unit_list"), reverse("enterprises:create"), reverse("coordinators:create"),
                reverse("cultivation:target_create"), reverse("registry:signup")):
        html = client.get(url).content.decode()
        assert "---------" not in html, url
    assert "请选择" in client.get(reverse("enterprises:create")).content.decode()
