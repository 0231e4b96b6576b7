import pytest
from django.http import HttpResponse
from django.urls import clear_url_caches, path

from .url_protection import PUBLIC_URL_NAMES, iter_patterns, unprotected_views

pytestmark = pytest.mark.django_db


def test_no_view_outside_the_public_list_answers_an_anonymous_user():
    assert unprotected_views() == []


def test_public_list_names_only_urls_that_exist():
    names = {name for name, _ in iter_patterns()}
    assert PUBLIC_URL_NAMES <= names


def test_public_pages_really_are_public(client, regions):
    assert client.get("/").status_code == 200
    assert client.get("/accounts/login/").status_code == 200


def test_walker_catches_a_view_that_loses_its_protection(settings):
    """The check above must fail when a view is left open."""
    from hlr_portal import urls as real_urls

    def leaky_view(request, pk):
        return HttpResponse("secret")

    class LeakyUrlconf:
        urlpatterns = [*real_urls.urlpatterns, path("leaky/<int:pk>/", leaky_view, name="leaky")]

    settings.ROOT_URLCONF = LeakyUrlconf
    clear_url_caches()
    try:
        offenders = unprotected_views()
    finally:
        clear_url_caches()
    assert any(offender.startswith("leaky GET /leaky/1/") for offender in offenders)
