"""The notice (公示) and the naming decision (命名决定) as official documents (PDF and Word, GB/T 9704 layout).

Both are drafts the naming office finishes in Word (document number, wording) and stamps; the portal fills
in what it knows: the units, their titles and scores, the notice period, the certificate numbers.
"""

from django.db.models import QuerySet

from apps.applications.recognitions.models import Recognition
from apps.applications.workflow.offices import region_title
from apps.campaigns.selectors import policy_for
from apps.core.official import Attachment, DocumentTable, OfficialDocument, chinese_date
from apps.regions.models import Region

from .models import Notice
from .selectors import notice_entries, notice_rows


def naming_office_name(region: Region, year: int) -> str:
    """Who signs: the policy's issuing office(s), else the region's tripartite committee."""
    policy = policy_for(region=region, year=year)
    if policy is not None and policy.issuing_office:
        return policy.issuing_office
    return f"{region_title(region)}协调劳动关系三方委员会"


def _score(row) -> str:
    if row.score is None:
        return ""
    return f"{row.score}（示例评分）" if row.is_example else str(row.score)


def notice_document(notice: Notice) -> OfficialDocument:
    rows = notice_rows(list(notice_entries(notice)), year=notice.year)
    period = (f"{chinese_date(notice.starts_on)}至{chinese_date(notice.ends_on)}"
              f"（{notice.working_days}个工作日）")
    body = [
        f"根据新时代和谐劳动关系创建活动工作安排，经单位自评申报、县级评估验收和{region_title(notice.city)}"
        f"协调劳动关系三方确认，拟命名{len(rows)}家单位，现予以公示（名单见附件）。",
        f"公示期为{period}。公示期间，任何单位和个人对公示单位有异议的，可以书面或电话方式反映，"
        "反映情况应当实事求是，提供具体事实和联系方式，以便核实。",
    ]
    if notice.contact:
        body.append(f"受理异议联系方式：{notice.contact}。")
    table = DocumentTable(
        columns=["序号", "县(市、区)", "单位名称", "拟命名称号", "评估得分"],
        rows=[[str(index), row.entry.application.unit.region.name, row.entry.application.unit.name, row.title,
               _score(row)] for index, row in enumerate(rows, 1)],
        widths=[8, 16, 34, 28, 14],
    )
    return OfficialDocument(
        title=notice.title, office=naming_office_name(notice.city, notice.year), dated=notice.starts_on, body=body,
        attachments=[Attachment(title=f"{notice.title}名单", table=table)],
    )


def recognitions_of_notice(notice: Notice) -> QuerySet[Recognition]:
    """The titles conferred on the units of one notice, in the notice's order."""
    return (Recognition.objects.filter(application__notice_entries__notice=notice)
            .select_related("unit__region").order_by("unit__region__path", "sequence"))


def naming_decision_document(notice: Notice, recognitions: list[Recognition]) -> OfficialDocument:
    """The decision naming the units of ``notice`` that were named (those with an upheld objection are not)."""
    titles = list(dict.fromkeys(r.title for r in recognitions))
    named_as = "、".join(f"“{title}”" for title in titles)
    issued_on = max(r.issued_on for r in recognitions)
    validity = {r.valid_until for r in recognitions}
    body = [
        f"根据新时代和谐劳动关系创建活动工作安排，经单位自评申报、县级评估验收、{region_title(notice.city)}"
        f"协调劳动关系三方确认，并于{chinese_date(notice.starts_on)}至{chinese_date(notice.ends_on)}"
        f"进行社会公示，决定命名{recognitions[0].unit.name}等{len(recognitions)}家单位为{named_as}"
        "（名单见附件）。",
    ]
    if len(validity) == 1 and None not in validity:
        body.append(f"称号有效期至{chinese_date(validity.pop())}。有效期内实行动态管理，"
                    "发生重大劳动保障违法行为或者较大影响的劳动关系事件的，取消其称号。")
    body.append("希望被命名单位珍惜荣誉，发挥示范引领作用，持续推进和谐劳动关系建设。")
    table = DocumentTable(
        columns=["序号", "县(市、区)", "单位名称", "称号", "证书编号"],
        rows=[[str(index), r.unit.region.name, r.unit.name, r.full_title, r.number]
              for index, r in enumerate(recognitions, 1)],
        widths=[8, 15, 33, 26, 18],
    )
    return OfficialDocument(
        title=f"关于命名{notice.year}年度{named_as.replace('“', '').replace('”', '')}的决定",
        office=naming_office_name(notice.city, notice.year), dated=issued_on, body=body,
        attachments=[Attachment(title=f"{notice.year}年度命名单位名单", table=table)],
    )
