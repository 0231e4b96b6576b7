"""The item save the self-evaluation page sends on every change stays cheap, whatever the standard's size.

A save (answer_save_view) costs: the session, the user and their roles (3, what every signed-in page pays);
the application (1); the save itself — the application's answers read once under a lock (they also give the
refreshed total), the item's answer written, the application's "updated" time — and its audit entry (an
entry and its scope): 5. The save's own statements: 6 (issue 17: at most 6). Under pytest the request's
transaction (ATOMIC_REQUESTS) is a savepoint inside the test's, two statements more.
"""

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.applications.assessments.models import Answer, Application
from apps.applications.assessments.services import answer_save
from apps.standards.services import standard_load
from tests.fixtures.assessments import fill

pytestmark = pytest.mark.django_db

ITEMS = 120
SAVE_OWN_QUERIES = 1 + 5  # see the module's docstring
SAVE_QUERIES = 3 + SAVE_OWN_QUERIES + 2
AUDIT_TABLES = ('"auditlog_logentry"', '"audit_entryscope"')


def _standard_with(leaves: int) -> str:
    items = "\n".join(f'  - {{code: "I{i}", kind: number, max: 1, title: 条目{i}}}' for i in range(leaves))
    return (f'code: AUTOSAVE-{leaves}\nversion: "1"\ntitle: 大标准（示例）\nissuing_body: 测试\nunit_kind: enterprise\n'
            f'effective_from: 2024-01-01\ntotal_score: {leaves}\npass_line: 1\nexample: true\n'
            f'sub_lines: [{{name: 前半, minimum: 1, criteria: ["I0", "I1"]}}]\ngrades: [{{label: A, min_score: 1}}]\n'
            f"criteria:\n{items}\n")


@pytest.fixture
def big_application(cast, campaign):
    standard, _ = standard_load(text=_standard_with(ITEMS))
    application = Application.objects.create(unit=cast.unit_a, campaign_year=campaign, standard=standard)
    fill(application, cast.rep_a, {f"I{i}": "1" for i in range(ITEMS)})
    return application


def _save_url(application, code: str) -> str:
    criterion = application.standard.criteria.get(code=code)
    return reverse("assessments:answer_save", args=[application.pk, criterion.pk])


def test_saving_an_item_of_a_large_standard_costs_a_fixed_few_queries(client, cast, big_application,
                                                                     django_assert_max_num_queries):
    client.force_login(cast.rep_a)
    url = _save_url(big_application, "I7")
    client.post(url, {"value": "0", "narrative": "首次"})  # the first request of a process reads the standard
    with django_assert_max_num_queries(SAVE_QUERIES):
        response = client.post(url, {"value": "1", "narrative": "已补充"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'data-testid="total">120<' in response.content.decode()
    assert Answer.objects.get(application=big_application, criterion__code="I7").narrative == "已补充"


def test_an_items_first_answer_costs_no_more_than_a_later_one_and_its_savepoint(client, cast, campaign,
                                                                                 django_assert_max_num_queries):
    standard, _ = standard_load(text=_standard_with(ITEMS))
    application = Application.objects.create(unit=cast.unit_a, campaign_year=campaign, standard=standard)
    client.force_login(cast.rep_a)
    client.post(_save_url(application, "I0"), {"value": "1", "narrative": ""})
    url = _save_url(application, "I1")
    with django_assert_max_num_queries(SAVE_QUERIES + 2):
        assert client.post(url, {"value": "1", "narrative": ""}).status_code == 200
    assert LogEntry.objects.get_for_model(Answer).filter(action=LogEntry.Action.CREATE).count() == 2


def test_an_answers_audit_entry_costs_no_more_than_the_save_itself(cast, big_application):
    criterion = big_application.standard.criteria.get(code="I3")
    big_application = Application.objects.select_related("unit").get(pk=big_application.pk)
    with CaptureQueriesContext(connection) as queries:
        answer_save(application=big_application, criterion=criterion, value="0", narrative="改为未达到", by=cast.rep_a)
    audit = [q["sql"] for q in queries if any(table in q["sql"] for table in AUDIT_TABLES)]
    assert len(audit) == 2, audit  # the entry and its scope: no row read again for the entry
    assert len(audit) <= len(queries) - len(audit)
    entry = LogEntry.objects.get_for_model(Answer).latest("pk")
    assert entry.changes == {"value": ["1", "0"], "narrative": ["说明I3", "改为未达到"]}
    assert entry.object_repr == "I3：0" and entry.scope.application_id == big_application.pk


def test_a_save_runs_at_most_six_statements_of_its_own_and_the_total_counts_the_new_answer(client, cast,
                                                                                        big_application):
    """Beyond the session, user and roles every page reads: the budget of issue 17 for the item save."""
    client.force_login(cast.rep_a)
    url = _save_url(big_application, "I9")
    client.post(url, {"value": "1", "narrative": ""})
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {"value": "0", "narrative": "改"}, HTTP_HX_REQUEST="true")
    own = [q["sql"] for q in queries.captured_queries
           if not any(table in q["sql"] for table in ('"django_session"', '"accounts_user"', '"accounts_membership"'))
           and "SAVEPOINT" not in q["sql"]]
    assert len(own) <= 6, own
    assert response.status_code == 200 and 'data-testid="total">119<' in response.content.decode()
