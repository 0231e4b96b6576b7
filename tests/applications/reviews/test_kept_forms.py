"""The review page's blank forms kept rendered per language and what each is written from (reviews/page_forms.py):
a change of the county's reviewers, of the parties or naming level a policy sets, of the panel's members or of the
standard's items shows on the next request; a refused inspection is written with what was typed and its error after
a blank one was kept, and the next page is blank again (a refused decision: test_confirmations.py); every form
carries the viewer's own CSRF token; another county's admin still gets 404."""

import re

import pytest
from django.middleware.csrf import _unmask_cipher_token
from django.urls import reverse
from django.utils import translation

from apps.accounts.models import Party
from apps.applications.assessments.services import answer_save, application_submit
from apps.applications.reviews import services
from apps.applications.reviews.page_forms import decision_fields
from apps.campaigns.models import CampaignPolicy, NamingLevel
from apps.standards.selectors import criteria_of
from tests.factories import MembershipFactory, UnitFactory, UserFactory
from tests.fixtures.assessments import attach_required
from tests.fixtures.reviews import make_application

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def _page(client, user, application, language="zh-hans") -> str:
    client.force_login(user)
    client.cookies["django_language"] = language
    response = client.get(reverse("reviews:detail", args=[application.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _checked(html: str) -> set[str]:
    return set(re.findall(r'<input type="checkbox" name="reviewers" value="(\d+)"[^>]* checked>', html))


def test_a_reviewer_added_to_the_county_is_offered_at_once(client, cast, regions, application):
    assert "新评估员" not in _page(client, cast.county_admin_x, application)
    newcomer = UserFactory(username="reviewer_new", full_name="新评估员")
    MembershipFactory(user=newcomer, role="county_reviewer", region=regions.county_x, party=Party.HRSS)
    html = _page(client, cast.county_admin_x, application)
    assert f'name="reviewers" value="{newcomer.pk}"' in html and "新评估员（人力资源社会保障部门）" in html


def test_the_parties_a_policy_seats_show_at_once(client, cast, regions, campaign, application):
    assert "其他可参加的成员单位" not in _page(client, cast.county_admin_x, application)
    CampaignPolicy.objects.create(region=regions.county_x, year=campaign.year, panel_parties=[
        {"party": Party.HRSS, "required": True}, {"party": Party.UNION, "required": True},
        {"party": Party.FEDERATION, "required": False}])
    html = _page(client, cast.county_admin_x, application)
    assert "以下 2 方各至少一人" in html and "其他可参加的成员单位：工商业联合会。" in html


def test_the_naming_level_a_policy_sets_shows_in_the_decision_at_once(client, cast, regions, campaign, scored):
    assert "验收通过，报送市级" in _page(client, cast.county_admin_x, scored)
    CampaignPolicy.objects.create(region=regions.county_x, year=campaign.year, naming_level=NamingLevel.COUNTY,
                                  title_level="区级")
    html = _page(client, cast.county_admin_x, scored)
    assert "验收通过，报送区级" in html and "报送市级" not in html


def test_each_standard_has_its_own_items_in_the_decision(standard, linfen_standard):
    def leaves(of):
        return [criterion for criterion in criteria_of(of) if criterion.is_leaf]

    with translation.override("zh-hans"):
        demo = decision_fields(naming_level="市级", leaves=leaves(standard))
        linfen = decision_fields(naming_level="市级", leaves=leaves(linfen_standard))
    assert "B1.1 劳动合同签订率" in demo and "B1.1 劳动合同签订率" not in linfen
    assert all(f'name="ic_{criterion.pk}"' in linfen for criterion in leaves(linfen_standard))


def test_a_panel_formed_again_starts_from_its_own_members(client, cast, regions, campaign, standard, scored):
    neighbour = UnitFactory(region=regions.county_x, township=regions.township_x)
    other = make_application(neighbour, campaign, standard)  # the same county's form, no panel
    assert _checked(_page(client, cast.county_admin_x, other)) == set()
    b2 = standard.criteria.get(code="B2")
    services.review_return(application=scored, by=cast.county_admin_x, reason="请补充", item_comments={b2.pk: "缺少"})
    scored.refresh_from_db()
    answer_save(application=scored, criterion=b2, value="23", narrative="已补充", by=cast.rep_a)
    attach_required(scored, cast.rep_a)
    application_submit(application=scored, by=cast.rep_a)
    html = _page(client, cast.county_admin_x, scored)
    assert "重新组建评估组" in html and _checked(html) == {str(u.pk) for u in cast.reviewers_x.values()}
    assert _checked(_page(client, cast.county_admin_x, other)) == set()


def test_the_forms_are_in_the_readers_language(client, cast, scored):
    assert "验收通过" in _page(client, cast.county_admin_x, scored)
    html = _page(client, cast.county_admin_x, scored, language="en")
    assert "验收通过" not in html and "核查日期" not in html


def test_a_refused_inspection_keeps_what_was_typed_after_a_blank_one_was_kept(client, cast, application):
    _page(client, cast.county_admin_x, application)
    response = client.post(reverse("reviews:inspection_add", args=[application.pk]), {"people": "核查人甲"})
    body = response.content.decode()
    assert response.status_code == 400
    assert 'value="核查人甲"' in body and 'class="invalid-feedback"' in body
    html = _page(client, cast.county_admin_x, application)
    assert "核查人甲" not in html and "invalid-feedback" not in html


def test_every_form_carries_the_viewers_own_token(client, cast, scored):
    pages = []
    for user in (cast.county_admin_x, cast.reviewers_x[Party.UNION], cast.county_admin_x):
        client.logout()
        html = _page(client, user, scored)
        tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert len(tokens) == html.count('method="post"') >= 3
        pages.append((client.cookies["csrftoken"].value, tokens))
    for secret, tokens in pages:
        assert {_unmask_cipher_token(token) for token in tokens} == {secret}
    assert pages[0][0] != pages[1][0] != pages[2][0]


def test_another_countys_admin_gets_404_once_the_forms_are_kept(client, cast, campaign, standard, application):
    _page(client, cast.county_admin_x, application)
    client.force_login(cast.county_admin_y)
    assert client.get(reverse("reviews:detail", args=[application.pk])).status_code == 404
    theirs = make_application(cast.unit_b, campaign, standard)
    html = _page(client, cast.county_admin_y, theirs)
    assert f'value="{cast.reviewer_y.pk}"' in html
    assert not [user for user in cast.reviewers_x.values() if f'name="reviewers" value="{user.pk}"' in html]
