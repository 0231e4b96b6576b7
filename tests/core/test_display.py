"""get_<field>_display() (apps/core/display.py): the label Django's own gives, in the request's language."""

from django.db.models import Model
from django.utils import translation

from apps.applications.assessments.models import Application
from apps.applications.recognitions.models import Recognition
from apps.applications.workflow.states import Status


def test_every_status_shows_the_label_django_gives_in_each_language():
    for language in ("zh-hans", "en"):
        with translation.override(language):
            for status in Status.values:
                application = Application(status=status)
                assert application.get_status_display() == Model._get_FIELD_display(
                    application, Application._meta.get_field("status"))
    with translation.override("zh-hans"):
        chinese = Application(status=Status.SUBMITTED).get_status_display()
    with translation.override("en"):
        assert Application(status=Status.SUBMITTED).get_status_display() == "Submitted" != chinese


def test_a_value_outside_the_choices_is_shown_as_it_is_and_the_method_is_the_cached_one():
    assert Application(status="no-such-status").get_status_display() == "no-such-status"
    assert Application.__dict__["get_status_display"].func is not Model._get_FIELD_display
    assert Recognition.__dict__["get_status_display"].func is not Model._get_FIELD_display
