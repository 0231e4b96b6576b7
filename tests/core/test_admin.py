import pytest
from django.contrib import admin

pytestmark = pytest.mark.django_db


def test_every_admin_changelist_opens_for_the_system_admin(client, cast):
    cast.system_admin.is_staff = cast.system_admin.is_superuser = True
    cast.system_admin.save()
    client.force_login(cast.system_admin)
    for model in admin.site._registry:
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        assert client.get(url).status_code == 200, url


def test_audit_records_cannot_be_edited_in_the_admin(client, cast):
    from apps.oversight.revocations.models import CaseLogEntry

    cast.system_admin.is_staff = cast.system_admin.is_superuser = True
    cast.system_admin.save()
    client.force_login(cast.system_admin)
    model_admin = admin.site._registry[CaseLogEntry]
    request = client.get("/admin/").wsgi_request
    assert not model_admin.has_change_permission(request) and not model_admin.has_delete_permission(request)
    assert client.get("/admin/oversight/caselogentry/add/").status_code == 403


# The models a system administrator keeps by hand: accounts and their roles, the region tree, messages.
# Everything else is changed by the portal's services, which check the workflow and write its history.
EDITABLE_IN_ADMIN = {"accounts.user", "regions.region", "notifications.notification"}


def _superuser_client(client, cast):
    cast.system_admin.is_staff = cast.system_admin.is_superuser = True
    cast.system_admin.save()
    client.force_login(cast.system_admin)
    return client


def test_every_workflow_model_is_read_only_in_the_admin(client, cast):
    request = _superuser_client(client, cast).get("/admin/").wsgi_request
    writable = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.label_lower in EDITABLE_IN_ADMIN or not model.__module__.startswith("apps."):
            continue
        admins = [model_admin, *model_admin.get_inline_instances(request)]
        if any(a.has_add_permission(request, None) if isinstance(a, admin.options.InlineModelAdmin)
               else a.has_add_permission(request) for a in admins) \
                or any(a.has_change_permission(request) or a.has_delete_permission(request) for a in admins):
            writable.append(model._meta.label_lower)
    assert writable == []


def test_a_superuser_cannot_change_a_certificates_validity_in_the_admin(client, cast, regions):
    from apps.applications.recognitions.models import Recognition

    from ..factories import named

    recognition = named(cast.unit_a, city=regions.city, by=cast.city_admin)
    valid_until = recognition.valid_until
    client = _superuser_client(client, cast)
    url = f"/admin/applications/recognition/{recognition.pk}/change/"
    response = client.post(url, {"valid_until": "2099-12-31", "title": recognition.title, "grade": recognition.grade,
                                 "status": recognition.status, "issued_on": recognition.issued_on})
    assert response.status_code == 403
    assert Recognition.objects.get(pk=recognition.pk).valid_until == valid_until
    assert client.get(url).status_code == 200  # still readable for support


def test_a_superuser_cannot_delete_an_application_in_the_admin(client, cast, regions, settings, tmp_path):
    from apps.applications.assessments.models import Application

    from ..access_world import build_world

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    world = build_world(cast, regions)
    pk = world["X"]["application"]
    client = _superuser_client(client, cast)
    response = client.post(f"/admin/applications/application/{pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Application.objects.filter(pk=pk).exists()
    assert Application.objects.get(pk=pk).answers.exists() and Application.objects.get(pk=pk).evidence.exists()
