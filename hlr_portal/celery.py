import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hlr_portal.settings.dev")

app = Celery("hlr_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The one place the periodic schedule is declared. django-celery-beat's
# DatabaseScheduler copies it into the database, where admins can see it.
app.conf.beat_schedule = {
    # Proves beat schedules and a worker consumes (apps/core/health.py: beat_status).
    "core-beat-heartbeat": {
        "task": "apps.core.tasks.beat_heartbeat",
        "schedule": 60.0,
    },
    "notifications-retry-undelivered-email": {
        "task": "apps.notifications.tasks.notification_email_retry_pending",
        "schedule": crontab(minute="*/10"),
    },
    # Audit entries past AUDIT_RETENTION_DAYS (at least 180; 0 keeps them for ever).
    "audit-purge-monthly": {
        "task": "apps.audit.tasks.audit_purge_task",
        "schedule": crontab(minute=0, hour=3, day_of_month=1),
    },
    # An enterprise's stored credit grade (lists, filters, exports) follows its evaluations when one lapses.
    "registry-credit-grades-nightly": {
        "task": "apps.registry.tasks.credit_grades_refresh_nightly",
        "schedule": crontab(hour=2, minute=15),
    },
    "revocations-nightly-check": {
        "task": "apps.oversight.revocations.tasks.revocation_check_nightly",
        "schedule": crontab(hour=2, minute=30),
    },
    # Named units whose yearly report (年度工作报告) is missing after settings.YEARLY_REPORT_DUE.
    "named-units-yearly-report-reminders": {
        "task": "apps.applications.named_units.tasks.yearly_report_reminders",
        "schedule": crontab(hour=8, minute=30),
    },
    # Titles ending in 90 and 30 days: their units and county offices are reminded to start the renewal (复审).
    "titles-expiry-reminders-nightly": {
        "task": "apps.applications.titles.tasks.title_expiry_reminders",
        "schedule": crontab(hour=8, minute=15),
    },
    # The reports each locality's policy makes due (reports.ReportDuty: who reports what by when), each built
    # its lead days before the due date; idempotent, so a missed day is caught up the next.
    "reports-duties-daily": {
        "task": "apps.reports.tasks.report_duties_task",
        "schedule": crontab(minute=0, hour=2),
    },
    # Every background job (apps/core/jobs.py: reports, the province export, batch confirmation): one whose worker
    # died is started again or failed, one whose queue message was lost (Redis down) is queued again.
    "jobs-sweep": {
        "task": "apps.core.jobs.job_sweep_task",
        "schedule": crontab(minute="*/5"),
    },
}
