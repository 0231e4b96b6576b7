"""Audit entries older than the retention period may be purged; nothing younger than 180 days, ever.

等保 2.0 (GB/T 22239-2019, 安全审计) and the Cybersecurity Law ask for audit
records to be kept at least six months. The append-only trigger keeps
refusing every UPDATE, and every DELETE except one made by the purge
(``manage.py audit_purge``, which sets ``hlr.audit_purge`` for its
transaction) of a row at least 180 days old; the floor lives in the
database, so no setting and no code path can shorten it.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    written timestamptz;
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('hlr.audit_purge', true) = 'on' THEN
        IF TG_TABLE_NAME = 'auditlog_logentry' THEN
            written := OLD.timestamp;
        ELSE
            SELECT timestamp INTO written FROM auditlog_logentry WHERE id = OLD.entry_id;
        END IF;
        IF written < now() - interval '180 days' THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION '变更记录至少保存 180 天，不能清除（%）', TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RAISE EXCEPTION '变更记录只能新增，不能修改或删除（%）', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
"""

PREVIOUS = """
CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '变更记录只能新增，不能修改或删除（%）', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNCTION, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PREVIOUS, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only")]

    operations = [migrations.RunPython(forwards, backwards)]
