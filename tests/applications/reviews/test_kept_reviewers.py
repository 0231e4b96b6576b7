"""The county's reviewers the panel form offers, kept per county (``reviews.selectors.county_reviewers``) until a
membership in the county or a reviewer's name or active state changes (reviews/receivers.py). Each test reads the
page first (the list is kept), changes what it shows by a plain ``save()`` or ``delete()``, and reads it again:
without the receiver that drops it, the old list would come back. Another county's admin is offered only their own
county's reviewers, also once county X's list is kept."""

import pytest
from django.urls import reverse

from apps.accounts.models import Party, Role
from apps.applications.reviews.models import ReviewPanel
from tests.factories import MembershipFactory, UserFactory
from tests.fixtures.reviews import make_application

pytestmark = pytest.mark.django_db


def _offered(client, user, application) -> str:
    client.force_login(user)
    response = client.get(reverse("reviews:detail", args=[application.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert not ReviewPanel.objects.filter(application=application).exists()
    return html.split('name="recorder"')[1].split("</select>")[0]


def test_a_reviewer_added_to_the_county_is_offered_at_once(client, cast, regions, application):
    newcomer = UserFactory(username="reviewer_new", full_name="新评估员")
    assert "新评估员" not in _offered(client, cast.county_admin_x, application)
    membership = MembershipFactory(user=newcomer, role=Role.COUNTY_REVIEWER, region=regions.county_x,
                                   party=Party.HRSS)
    assert f'<option value="{newcomer.pk}">新评估员</option>' in _offered(client, cast.county_admin_x, application)
    membership.delete()
    assert "新评估员" not in _offered(client, cast.county_admin_x, application)


def test_a_renamed_or_deactivated_reviewer_shows_as_they_are_now(client, cast, application):
    reviewer = cast.reviewers_x[Party.UNION]
    assert f'<option value="{reviewer.pk}">{reviewer}</option>' in _offered(client, cast.county_admin_x, application)
    reviewer.full_name = "改名的评估员"
    reviewer.save()
    assert f'<option value="{reviewer.pk}">改名的评估员</option>' in _offered(client, cast.county_admin_x,
                                                                          application)
    reviewer.is_active = False
    reviewer.save(update_fields=["is_active"])
    assert f'value="{reviewer.pk}"' not in _offered(client, cast.county_admin_x, application)


def test_another_countys_admin_is_offered_their_own_reviewers_only(client, cast, campaign, standard, application):
    _offered(client, cast.county_admin_x, application)  # county X's list kept
    theirs = make_application(cast.unit_b, campaign, standard)
    client.force_login(cast.county_admin_y)
    assert client.get(reverse("reviews:detail", args=[application.pk])).status_code == 404
    offered = _offered(client, cast.county_admin_y, theirs)
    assert f'value="{cast.reviewer_y.pk}"' in offered
    assert not [user for user in cast.reviewers_x.values() if f'value="{user.pk}"' in offered]
