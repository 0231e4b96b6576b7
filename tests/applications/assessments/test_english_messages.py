"""The self-evaluation as an English reader meets it in the browser (found walking the demo in Chromium): a refused
score, the reasons a submission is refused and the page's own saving words are English, and the standard's example
note is said once."""

import re

import pytest

from tests.fixtures.assessments import attach_required, fill

pytestmark = pytest.mark.django_db


def _english(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def _item(application, code: str) -> int:
    return application.standard.criteria.get(code=code).pk


@pytest.mark.parametrize(("typed", "reason"), [
    ("16", "The score must be between 0 and 15."), ("7.3", "The score must go up in steps of 0.5."),
    ("abc", "Enter a number."),
])
def test_a_refused_score_is_told_in_english(client, cast, application, typed, reason):
    response = _english(client, cast.rep_a).post(f"/applications/{application.pk}/answers/{_item(application, '2')}/",
                                                 {"value": typed, "narrative": ""})
    body = response.content.decode()
    assert response.status_code == 422 and reason in body
    assert not re.search(r"[\u4e00-\u9fff]", body.split("</strong>")[-1])


def test_the_reasons_a_submission_is_refused_are_english(client, cast, application):
    fill(application, cast.rep_a, {"1": "8"})
    body = _english(client, cast.rep_a).post(f"/applications/{application.pk}/submit/", follow=True).content.decode()
    assert "Items not filled in yet (" in body
    assert "The self-evaluation total is 8 points, below the pass line of 80" in body
    assert "个条目未填写" not in body and "未达到达标线" not in body


def test_the_saving_words_of_the_page_script_follow_the_language(client, cast, application):
    body = _english(client, cast.rep_a).get(f"/applications/{application.pk}/").content.decode()
    assert 'data-saving="Saving…"' in body and 'data-unsaved="Not saved! ' in body
    client.cookies["django_language"] = "zh-hans"
    assert 'data-saving="正在保存…"' in client.get(f"/applications/{application.pk}/").content.decode()


def test_the_example_standards_note_is_said_once(client, cast, application):
    note = application.standard.example_note
    assert note
    client.force_login(cast.rep_a)
    body = client.get(f"/applications/{application.pk}/").content.decode()
    assert body.count(note) == 1 and "注：本标准的分值为示例评分方案" in body


def test_the_withdraw_button_says_what_it_does(client, cast, application):
    """撤回 is both the button (withdraw a document) and a past state in the version comparison (withdrawn)."""
    attach_required(application, cast.rep_a)
    body = _english(client, cast.rep_a).get(f"/applications/{application.pk}/").content.decode()
    assert body.count('type="submit">Withdraw</button>') == 2 and "Withdrawn</button>" not in body


def test_the_workbench_training_note_reads_right_for_one_coordinator():
    from django.utils import translation

    with translation.override("en"):
        note = translation.gettext("协调员 %(c)s 人参训，共 %(h)s 学时") % {"c": 1, "h": "6.0"}
    assert note == "Coordinators trained: 1, 6.0 hours in all"


def test_the_workbench_task_names_who_is_responsible_in_plain_english():
    from django.utils import translation

    with translation.override("en"):
        note = translation.gettext("%(note)s · 包保：%(place)s %(person)s") % {
            "note": "Due 2027-01-06", "place": "解放路街道", "person": "王建华"}
    assert note == "Due 2027-01-06 · responsible: 解放路街道 王建华"
