import io
from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from apps.applications.assessments.diff import snapshot_diff
from apps.applications.assessments.evidence_files import MAX_EVIDENCE_BYTES, safe_name
from apps.applications.assessments.models import Application, ApplicationEvent, ApplicationRevision, EvidenceKind
from apps.applications.assessments.selectors import snapshot_build
from apps.applications.assessments.services import (
    ApplicationError,
    answer_save,
    application_open,
    application_submit,
    evidence_add,
    evidence_withdraw,
)
from apps.applications.workflow.service import TransitionRefused, application_transition
from apps.applications.workflow.states import Status
from apps.notifications.models import Notification
from apps.registry.units.models import VerificationStatus
from tests.factories import UnitFactory, precheck_on
from tests.fixtures.assessments import LINFEN_FULL_MARKS, attach_required, fill
from tests.fixtures.files import pdf_upload

pytestmark = pytest.mark.django_db


def test_application_opens_on_the_standard_its_city_chose_not_the_general_one(cast, campaign, linfen_standard,
                                                                              demo_standard):
    application = application_open(unit=cast.unit_a, by=cast.rep_a, today=timezone.localdate())
    assert application.standard == linfen_standard and application.status == Status.DRAFT
    assert application_open(unit=cast.unit_a, by=cast.rep_a, today=timezone.localdate()) == application


def test_one_application_per_unit_per_year_is_a_database_rule(application):
    with pytest.raises(IntegrityError):
        Application.objects.create(unit=application.unit, campaign_year=application.campaign_year,
                                   standard=application.standard)


def test_unverified_unit_cannot_open_an_application(cast, campaign, linfen_standard):
    unit = UnitFactory(region=cast.unit_a.region, verification_status=VerificationStatus.PENDING, name="丙公司")
    with pytest.raises(ApplicationError, match="“丙公司”的注册信息尚未通过核验（当前：待核验）"):
        application_open(unit=unit, by=cast.rep_a, today=timezone.localdate())


def test_no_campaign_year_means_no_application(cast, linfen_standard):
    with pytest.raises(ApplicationError, match="尚未设置 .* 年度创建活动"):
        application_open(unit=cast.unit_a, by=cast.rep_a, today=timezone.localdate())


def test_invalid_answer_is_refused_with_the_item_and_reason(application, cast):
    item = application.standard.criteria.get(code="2")
    with pytest.raises(ApplicationError, match="条目 2：分值应在 0 到 15 之间。"):
        answer_save(application=application, criterion=item, value="16", narrative="", by=cast.rep_a)
    with pytest.raises(ApplicationError, match="条目 2：分值须按 0.5 分递增。"):
        answer_save(application=application, criterion=item, value="14.2", narrative="", by=cast.rep_a)
    answer_save(application=application, criterion=item, value="", narrative="只写说明也能暂存", by=cast.rep_a)
    assert application.answers.get().narrative == "只写说明也能暂存"


def test_submit_refusals_are_specific(application, cast):
    with pytest.raises(TransitionRefused) as exc:
        application_submit(application=application, by=cast.rep_a)
    messages = exc.value.messages
    assert messages[0] == "还有 12 个条目未填写：1、2、3、4、5、6、7、8、9、F1等。"  # the first ten are named
    assert "自评总分 0 分，未达到达标线 80 分，不能申报。" in messages
    assert "缺少必传材料：职工(代表)大会审议通过的自我评价报告。" in messages
    assert "缺少必传材料：申报承诺书。" in messages
    application.refresh_from_db()
    assert application.status == Status.DRAFT and not application.revisions.exists()


def test_below_pass_line_is_refused(application, cast):
    fill(application, cast.rep_a, {**LINFEN_FULL_MARKS, "9": "0", "2": "5"})
    attach_required(application, cast.rep_a)
    with pytest.raises(TransitionRefused) as exc:
        application_submit(application=application, by=cast.rep_a)
    assert exc.value.messages == ["自评总分 75 分，未达到达标线 80 分，不能申报。"]


def test_veto_yes_is_refused_whatever_the_score(ready_application, cast):
    fill(ready_application, cast.rep_a, {"F2": "yes"})
    with pytest.raises(TransitionRefused) as exc:
        application_submit(application=ready_application, by=cast.rep_a)
    assert exc.value.messages == ["一票否决项 F2 选择了“是”，不能申报。"]


def test_sub_line_below_minimum_is_refused(cast, campaign, demo_standard):
    from apps.registry.units.models import UnitKind

    unit = UnitFactory(region=cast.unit_a.region, kind=UnitKind.ENTERPRISE)
    app = Application.objects.create(unit=unit, campaign_year=campaign, standard=demo_standard)
    from tests.factories import MembershipFactory

    rep = MembershipFactory(role="unit_rep", unit=unit).user
    fill(app, rep, {"B1.1": "10", "B1.2": "10", "B2": "20", "C1": "30", "C2": "25", "D1": "0", "V1": "no",
                    "V2": "no"})
    attach_required(app, rep)
    with pytest.raises(TransitionRefused) as exc:
        application_submit(application=app, by=rep)
    assert exc.value.messages == ["“基础指标”得分 40 分，未达到该分项最低分 42 分。"]


def test_outside_the_window_submission_is_refused_with_dates(ready_application, cast):
    campaign = ready_application.campaign_year
    campaign.self_evaluation_closes = date(campaign.year, 1, 2)
    campaign.self_evaluation_opens = date(campaign.year, 1, 1)
    campaign.save()
    with pytest.raises(TransitionRefused, match=r"自评申报已经结束：办理时间为 \d{4}年01月01日 至 \d{4}年01月02日"):
        with time_machine.travel(date(campaign.year, 3, 1)):
            application_submit(application=ready_application, by=cast.rep_a)


def test_submit_freezes_a_snapshot_writes_the_event_and_notifies_the_county(ready_application, cast):
    application_submit(application=ready_application, by=cast.rep_a)
    ready_application.refresh_from_db()
    assert ready_application.status == Status.SUBMITTED and ready_application.revision == 1
    revision = ready_application.revisions.get()
    assert revision.snapshot["score"]["total"] == "100"
    assert revision.snapshot["answers"]["9"] == {"value": "15", "narrative": "说明9"}
    assert {e["kind"] for e in revision.snapshot["evidence"]} == {"congress_approval", "commitment"}
    event = ApplicationEvent.objects.get()
    assert (event.actor, event.from_status, event.to_status) == (cast.rep_a, "draft", "submitted")
    assert Notification.objects.filter(user=cast.county_admin_x).exists()
    assert not Notification.objects.filter(user=cast.county_admin_y).exists()


def test_with_township_precheck_the_township_is_notified(ready_application, cast):
    precheck_on(ready_application.campaign_year)
    application_submit(application=ready_application, by=cast.rep_a)
    assert list(Notification.objects.values_list("user__username", flat=True)) == ["township_x"]


def test_submitted_application_is_locked(ready_application, cast):
    application_submit(application=ready_application, by=cast.rep_a)
    item = ready_application.standard.criteria.get(code="1")
    with pytest.raises(ApplicationError, match="申报当前状态为“已提交”，不能修改。"):
        answer_save(application=ready_application, criterion=item, value="5", narrative="", by=cast.rep_a)
    with pytest.raises(ApplicationError):
        evidence_add(application=ready_application, upload=pdf_upload(), kind=EvidenceKind.OTHER, by=cast.rep_a)
    with pytest.raises(TransitionRefused, match="当前状态为“已提交”，不能变更为“已提交”"):
        application_submit(application=ready_application, by=cast.rep_a)


def test_only_the_units_own_rep_may_submit(ready_application, cast):
    for outsider in (cast.rep_b, cast.county_admin_x):
        with pytest.raises(TransitionRefused, match="您无权办理此项操作"):
            application_transition(application=ready_application, to=Status.SUBMITTED, by=outsider)


def test_after_a_return_the_unit_works_on_a_new_revision(ready_application, cast):
    application_submit(application=ready_application, by=cast.rep_a)
    # The review feature will own the return transition; here we stand in for it.
    Application.objects.filter(pk=ready_application.pk).update(status=Status.RETURNED)
    ready_application.refresh_from_db()
    fill(ready_application, cast.rep_a, {"6": "7.5"})
    evidence_add(application=ready_application, upload=pdf_upload("补充.pdf"), kind=EvidenceKind.OTHER, by=cast.rep_a)
    application_submit(application=ready_application, by=cast.rep_a)
    ready_application.refresh_from_db()
    assert ready_application.revision == 2 and ready_application.status == Status.SUBMITTED
    first, second = ApplicationRevision.objects.filter(application=ready_application).order_by("number")
    assert first.snapshot["answers"]["6"]["value"] == "8"
    assert second.snapshot["answers"]["6"]["value"] == "7.5"
    diff = snapshot_diff(first.snapshot, second.snapshot, {"6": "企业文化"})
    assert [(i.code, i.old_value, i.new_value) for i in diff.items] == [("6", "8", "7.5")]
    assert [e["name"] for e in diff.evidence_added] == ["补充.pdf"]
    assert (diff.old_total, diff.new_total) == ("100", "99.5")


def test_revisions_are_immutable(ready_application, cast):
    application_submit(application=ready_application, by=cast.rep_a)
    revision = ready_application.revisions.get()
    revision.snapshot = {}
    with pytest.raises(ValueError, match="immutable"):
        revision.save()


def test_evidence_is_checked_by_content_not_by_name(application, cast):
    fake = SimpleUploadedFile("报告.pdf", b"MZ\x90\x00 this is an exe", content_type="application/pdf")
    with pytest.raises(ApplicationError, match="实际内容不是 PDF、OFD、JPEG、PNG 或 Office 文档") as exc:
        evidence_add(application=application, upload=fake, kind=EvidenceKind.OTHER, by=cast.rep_a)
    assert "报告.pdf" in exc.value.messages[0]
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    png = SimpleUploadedFile("photo.txt", buffer.getvalue(), content_type="text/plain")
    assert evidence_add(application=application, upload=png, kind=EvidenceKind.OTHER, by=cast.rep_a).content_type \
        == "image/png"


def test_evidence_over_the_size_limit_is_refused(application, cast):
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * MAX_EVIDENCE_BYTES, content_type="application/pdf")
    with pytest.raises(ApplicationError, match="超过 20 MB 的上限"):
        evidence_add(application=application, upload=big, kind=EvidenceKind.OTHER, by=cast.rep_a)


def test_evidence_is_stored_privately_with_a_safe_name(application, cast, settings):
    evidence = evidence_add(application=application, upload=pdf_upload('../../etc/"承诺书".pdf'),
                            kind=EvidenceKind.COMMITMENT, by=cast.rep_a)
    assert evidence.original_name == "_承诺书_.pdf"
    path = evidence.file.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT)) and "承诺书" not in path
    assert safe_name("C:\\Users\\a\\x.docx") == "x.docx"


def test_withdrawn_evidence_no_longer_counts_but_is_kept(ready_application, cast):
    commitment = ready_application.evidence.get(kind=EvidenceKind.COMMITMENT)
    evidence_withdraw(evidence=commitment, by=cast.rep_a)
    with pytest.raises(TransitionRefused, match="缺少必传材料：申报承诺书"):
        application_submit(application=ready_application, by=cast.rep_a)
    assert ready_application.evidence.count() == 2
    assert [e["kind"] for e in snapshot_build(application=ready_application)["evidence"]] == ["congress_approval"]


def test_an_autosave_of_an_answer_does_not_read_its_criterion_again(application, cast):
    criterion = application.standard.criteria.get(code="1")
    answer_save(application=application, criterion=criterion, value="8", narrative="", by=cast.rep_a)
    with CaptureQueriesContext(connection) as queries:
        answer = answer_save(application=application, criterion=criterion, value="9", narrative="", by=cast.rep_a)
    assert not [q["sql"] for q in queries if 'WHERE "standards_criterion"."id" = ' in q["sql"]]
    assert str(answer) == "1：9"
