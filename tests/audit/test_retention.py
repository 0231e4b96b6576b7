"""Audit records are kept at least 180 days; the purge removes only older ones (等保 2.0 安全审计)."""

import datetime
import os
import subprocess
import sys

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from apps.audit.models import EntryScope
from apps.audit.services import audit_purge

pytestmark = pytest.mark.django_db


def _entry(days_ago: int, region) -> LogEntry:
    entry = LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(type(region)), object_pk=str(region.pk),
        object_repr=f"{days_ago} 天前", action=LogEntry.Action.UPDATE, changes={},
        timestamp=timezone.now() - datetime.timedelta(days=days_ago))
    EntryScope.objects.create(entry=entry, region=region)
    return entry


def test_the_purge_removes_entries_past_retention_and_keeps_younger_ones(regions):
    old, kept = _entry(400, regions.city), _entry(200, regions.city)
    assert audit_purge(older_than_days=365) == 1
    assert list(LogEntry.objects.filter(pk__in=[old.pk, kept.pk])) == [kept]
    assert not EntryScope.objects.filter(entry_id=old.pk).exists()


def test_the_database_refuses_to_purge_anything_younger_than_180_days(regions):
    young = _entry(100, regions.city)
    with pytest.raises(DatabaseError, match="至少保存 180 天"), transaction.atomic():
        audit_purge(older_than_days=30)
    assert LogEntry.objects.filter(pk=young.pk).exists()


def test_without_the_purge_nothing_is_deleted_however_old(regions):
    ancient = _entry(1000, regions.city)
    with pytest.raises(DatabaseError, match="只能新增"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_entryscope WHERE entry_id = %s", [ancient.pk])


def test_the_command_refuses_a_period_under_180_days_and_reports_what_it_removed(regions, settings, capsys):
    _entry(400, regions.city)
    with pytest.raises(Exception, match="至少保存 180 天"):
        call_command("audit_purge", days=90)
    settings.AUDIT_RETENTION_DAYS = 0
    call_command("audit_purge")
    assert "永久保存" in capsys.readouterr().out
    settings.AUDIT_RETENTION_DAYS = 365
    call_command("audit_purge")
    assert "已删除 1 条超过 365 天的变更记录" in capsys.readouterr().out


def test_a_retention_setting_under_180_days_stops_the_process():
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=settings.BASE_DIR, capture_output=True,
                            text=True, env={**os.environ, "AUDIT_RETENTION_DAYS": "90"})
    assert result.returncode != 0 and "kept at least 180 days" in result.stderr
