"""What happens on arrival: each effect takes the locked application, the actor (None for the nightly job), the
move's comment and the day it takes effect, and runs inside ``application_transition`` before the status is written.

A title (Recognition) has no state machine of its own: it is conferred, revoked and expired only by the effects
here, as its application moves to named, revoked or expired. ``recognition_revoked_mark`` and
``recognition_expired_mark`` are also what service.py applies to a title registered without an application.
"""

from datetime import date

from django.db.models import Max
from django.utils import timezone

from apps.accounts.models import User
from apps.applications.assessments.models import Application, ApplicationRevision
from apps.applications.assessments.selectors import application_rules, snapshot_build
from apps.applications.recognitions.models import Recognition, RecognitionStatus
from apps.applications.recognitions.services import recognition_create, recognition_renew
from apps.applications.reviews.results import comparison
from apps.applications.reviews.rounds import round_close, round_start
from apps.core.public_cache import public_pages_changed

from .offices import naming_region


def revision_freeze(application: Application, by: User, comment: str = "",
                    on: date | None = None) -> ApplicationRevision:
    """Write the immutable snapshot of what is being submitted, as the next revision number."""
    number = (application.revisions.aggregate(last=Max("number"))["last"] or 0) + 1
    application.revision = number
    return ApplicationRevision.objects.create(
        application=application, number=number, snapshot=snapshot_build(application=application), submitted_by=by
    )


def review_round_start(application: Application, by: User, comment: str = "", on: date | None = None) -> None:
    """Entering county review starts a round of scoring: the panel scores the current revision on empty sheets."""
    round_start(application)


def review_round_close(application: Application, by: User, comment: str = "", on: date | None = None) -> None:
    """A return or a send-back ends the round: the sheets become history until the county opens the next one."""
    round_close(application)


def panel_result_freeze(application: Application, by: User, comment: str = "", on: date | None = None) -> None:
    data = comparison(application)
    panel = data.panel
    panel.result_total = data.panel_result.total
    panel.result_grade = data.panel_result.grade or ""
    panel.save(update_fields=["result_total", "result_grade"])


def title_confer(application: Application, by: User, comment: str = "", on: date | None = None) -> Recognition:
    """Confer the title on the application being named, with the panel's result; its wording, level and validity
    are the policy's (recognition_create), and a grade only where the policy grades.

    Certificates are numbered per naming region and year: the city's, or the county/district's where it names.
    A renewal (复审) confers no new title: it extends the one it renews (``recognition_renew``).
    """
    if application.is_renewal:
        title = Recognition.objects.select_for_update().get(pk=application.renews_id)
        return recognition_renew(recognition=title, year=application.campaign_year.year,
                                 on=on or timezone.localdate())
    panel = getattr(application, "review_panel", None)
    grades = application_rules(application).grades_print(application.standard.grades.exists())
    return recognition_create(
        unit=application.unit, city=naming_region(application), year=application.campaign_year.year,
        issued_on=timezone.localdate(), by=by,
        grade=(panel.result_grade if panel and grades else ""),
        score=panel.result_total if panel else None, application=application,
    )


def recognition_revoked_mark(recognition: Recognition, *, reason: str, on: date) -> None:
    recognition.status = RecognitionStatus.REVOKED
    recognition.revoked_on = on
    recognition.revoked_reason = reason.strip()
    recognition.save(update_fields=["status", "revoked_on", "revoked_reason"])
    public_pages_changed()


def recognition_expired_mark(recognition: Recognition) -> None:
    recognition.status = RecognitionStatus.EXPIRED
    recognition.save(update_fields=["status"])
    public_pages_changed()


def _title_of(application: Application) -> Recognition | None:
    return Recognition.objects.select_for_update().filter(application=application).first()


def title_revoke(application: Application, by: User, comment: str = "", on: date | None = None) -> None:
    """The title goes with its application: revoked on the move's day, for its reason."""
    recognition = _title_of(application)
    if recognition is not None:
        recognition_revoked_mark(recognition, reason=comment, on=on or timezone.localdate())


def title_expire(application: Application, by: User | None, comment: str = "", on: date | None = None) -> None:
    recognition = _title_of(application)
    if recognition is not None:
        recognition_expired_mark(recognition)
