"""On PostgreSQL, audit entries and their scopes can be inserted but never updated or deleted.

TRUNCATE (a test database being emptied) does not fire row triggers. The
embedded SQLite default used by the demo has no such guard.
"""

from django.db import migrations

TABLES = ("auditlog_logentry", "audit_entryscope")

FUNCTION = """
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '变更记录只能新增，不能修改或删除（%）', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
"""
TRIGGER = "CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} " \
          "FOR EACH ROW EXECUTE FUNCTION audit_append_only();"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(TRIGGER.format(table=table), params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};", params=None)
    schema_editor.execute("DROP FUNCTION IF EXISTS audit_append_only();", params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial"), ("auditlog", "0017_add_actor_email")]

    operations = [migrations.RunPython(forwards, backwards)]
