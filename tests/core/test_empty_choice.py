"""Every select's empty choice reads "请选择" (English: "Please choose"), never "---------"; a list page's filter,
where the empty choice means no filter, reads "全部" ("All")."""

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
@pytest.mark.parametrize(("language", "please", "every"),
                         [("zh-hans", "请选择", "全部"), ("en", "Please choose", "All")])
def test_form_selects_ask_for_a_choice_and_filter_selects_offer_all(language, please, every):
    with translation.override(language):
        form, filters = str(_Form()), str(_Filter().form)
    assert "---------" not in form + filters
    assert form.count(f'<option value="" selected>{please}</option>') == 2
    assert filters.count(f'<option value="" selected>{every}</option>') == 1 and please not in filters


@pytest.mark.django_db
def test_the_portals_forms_never_show_dashes(client, cast):
    client.force_login(cast.county_admin_x)
    for url in (reverse("registry:unit_list"), reverse("enterprises:create"), reverse("coordinators:create"),
                reverse("cultivation:target_create"), reverse("registry:signup")):
        html = client.get(url).content.decode()
        assert "---------" not in html, url
    assert "请选择" in client.get(reverse("enterprises:create")).content.decode()


def _blank_options(html: str) -> list[str]:
    return [part.split("</option>")[0] for part in html.split('<option value="" selected>')[1:]]


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "every"), [("zh-hans", "全部"), ("en", "All")])
def test_list_page_filters_offer_all_where_nothing_is_chosen(client, cast, language, every):
    """The unit list (a blank form kept rendered, and one with a filter chosen), the audit trail and the account
    events: each drop-down's empty choice is "all of them"."""
    client.cookies["django_language"] = language
    pages = [(cast.county_admin_x, reverse("registry:unit_list"), {}, 6),
             (cast.county_admin_x, reverse("registry:unit_list"), {"q": "甲"}, 6),
             (cast.audit_admin, reverse("audit:list"), {}, 2),
             (cast.audit_admin, reverse("audit:account_events"), {}, 1)]
    for user, url, params, selects in pages:
        client.force_login(user)
        assert _blank_options(client.get(url, params).content.decode()) == [every] * selects, url
