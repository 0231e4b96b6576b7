"""The printed evaluation form (评估表) of one application, used by the page and by the province export;
and the same form as a Word document (GB/T 9704 fonts and margins, landscape) an office finishes and stamps."""

from django.template.loader import render_to_string
from django.utils import timezone

from apps.accounts.models import User
from apps.applications.assessments.models import Application
from apps.core.official import DocumentTable, OfficialDocument

from .results import comparison_for


def score_column_widths(member_count: int) -> list[int]:
    """Per cent of the width for each column of the side-by-side table (the item, self-evaluation, township, the
    members, panel, city), the same in the PDF and in Word: four columns of one score each 7, the members share
    42 (14 each up to three, 10 with four, 8 with five), the item's text the rest, a third of the page or more.
    Fixed widths, so a fourth or fifth member narrows the members' columns instead of pushing the table off
    the A4 landscape page."""
    member = 42 // max(member_count, 3)
    widths = [7, 7, *[member] * member_count, 7, 7]
    return [100 - sum(widths), *widths]


def evaluation_form_pdf(application: Application, *, viewer: User) -> bytes:
    """The form as ``viewer`` may read it: a panel member still scoring sees their own column only."""
    from weasyprint import HTML  # noqa: PLC0415  (loaded on first use: importing it parses its default CSS)

    data = comparison_for(application, viewer)[0]
    html = render_to_string("pdf/evaluation_form.html", {
        "application": application, "data": data, "widths": score_column_widths(len(data.members)),
        "header": list(zip(data.columns, data.member_columns, strict=True)),
        "footer": list(zip(data.totals, data.member_columns, strict=True)),
        "inspections": application.inspections.all(),
        "events": application.events.select_related("actor"),
    })
    return HTML(string=html).write_pdf()


def evaluation_form_document(application: Application, *, viewer: User) -> OfficialDocument:
    """The form's content as the Word template ``evaluation_form`` takes it: the side-by-side table with its
    totals, the veto answers, the inspections and the signature lines; as ``viewer`` may read it (see the PDF)."""
    data = comparison_for(application, viewer)[0]
    rows = [[f"{row.criterion.code} {row.criterion.title}", *[cell.text for cell in row.cells]] for row in data.rows]
    rows.append(["合计", *data.totals])
    unit = application.unit
    closing = []
    if data.vetoes:
        closing.append(f"一票否决项：{'、'.join(data.vetoes)}")
    closing += [f"实地核查：{i.visited_on:%Y-%m-%d} {i.people}：{i.findings}" for i in application.inspections.all()]
    signers = [str(member.user) for member in data.members]
    closing += ["评估组成员签字：" + "　".join(f"{name}：________" for name in signers or ["________"] * 4),
                "单位盖章：", "日期：____年____月____日"]
    return OfficialDocument(
        title=f"{application.campaign_year.year}年度和谐劳动关系创建评估表", office="", dated=timezone.localdate(),
        body=[f"单位：{unit.name}　所属县(市、区)：{unit.region.name}　评价标准：{data.standard.title}"],
        tables=[DocumentTable(columns=["条目", *data.columns], rows=rows,
                              widths=score_column_widths(len(data.members)))],
        closing=closing, landscape=True,
    )
