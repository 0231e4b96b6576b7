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
    from apps.revocations.models import CaseLogEntry

    cast.system_admin.is_staff = cast.system_admin.is_superuser = True
    cast.system_admin.save()
    client.force_login(cast.system_admin)
    model_admin = admin.site._registry[CaseLogEntry]
    request = client.get("/admin/").wsgi_request
    assert not model_admin.has_change_permission(request) and not model_admin.has_delete_permission(request)
    assert client.get("/admin/revocations/caselogentry/add/").status_code == 403
