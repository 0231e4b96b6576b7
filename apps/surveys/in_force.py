"""Which standard and questionnaire are in force for a unit: reads with visibility, and the one writer.

A unit's row is the one of the nearest region at or above it, for the latest year not after the campaign
year, matching its kind and (where the locality has variants) its enterprise size or industry; the most
specific variant wins. No row means no standard: the caller refuses, it never picks the demonstration
standard (a standard with no locality) by itself.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext

from apps.accounts.models import Role, User
from apps.accounts.permissions import has_role, regions_for
from apps.accounts.roles import STAFF_ROLES
from apps.campaigns.models import NamingLevel
from apps.campaigns.selectors import policy_for
from apps.core.public_cache import generations_changed, kept
from apps.core.region_cache import unit_generation_key, unit_part_changed
from apps.regions.models import Region, RegionLevel
from apps.registry.enterprises.models import Enterprise, IndustryClass
from apps.registry.units.models import Unit, UnitKind
from apps.standards.loader import StandardFileError, parse_standard
from apps.standards.models import Standard
from apps.standards.services import standard_load

from .loading import LoadResult, SurveyFileError, survey_template_load_text
from .models import StandardInForce, SurveyQuestion, SurveyTemplate

# Who may choose: the city office for its city, a district office where its district runs the campaign
# (its policy names at county level). The system administrator loads files and reads every choice, but the
# choice itself is the locality's.
CHOOSER_ROLES = (Role.CITY_ADMIN, Role.COUNTY_ADMIN)
# Who may read what is in force: every staff member for their jurisdiction, the system administrator all.
READER_ROLES = (*STAFF_ROLES, Role.SYSTEM_ADMIN)


class NoStandardInForce(ValidationError):
    """The unit's locality has chosen no standard for the year: nothing may be opened on a guess."""


def standard_in_force_for(*, unit: Unit, year: int) -> StandardInForce | None:
    """The row in force for ``unit`` in campaign year ``year``, or None. Two queries (one more for an enterprise)."""
    place = unit.township or unit.region
    candidates = StandardInForce.objects.filter(
        region_id__in=place.path_ids, year__lte=year, unit_kind=unit.kind,
    ).select_related("region", "standard", "questionnaire", "industry")
    size, industry_ids = "", set()
    if unit.kind == UnitKind.ENTERPRISE:
        profile = Enterprise.objects.filter(unit=unit).values("size", "industry_id", "industry__section_id").first()
        if profile:
            size = profile["size"]
            industry_ids = {profile["industry_id"], profile["industry__section_id"]} - {None}
    matching = [
        row for row in candidates
        if row.enterprise_size in ("", size) and (row.industry_id is None or row.industry_id in industry_ids)
    ]
    return max(
        matching,
        key=lambda row: (len(row.region.path), row.year, bool(row.enterprise_size) + (row.industry_id is not None)),
        default=None,
    )


# Moved on whenever a standard in force, a standard or a questionnaire is saved or deleted (receivers.py): what
# ``standard_in_force_kept`` keeps is then missed. A unit's own generation (``IN_FORCE_PART``) moves when the unit
# or its enterprise profile is saved: its place, kind, size and industry choose among the rows.
IN_FORCE_KEY = "surveys:in-force:generation"
IN_FORCE_PART = "in-force"


def standard_in_force_kept(*, unit: Unit, year: int) -> StandardInForce | None:
    """``standard_in_force_for``, kept in the cache until a row in force, a standard or a questionnaire changes, or
    the unit or its enterprise profile does: the self-evaluation page shows it on every request, and its two
    queries were a third of the page's. For a page; a service choosing or checking reads the rows."""
    return kept(f"surveys:in-force:{unit.pk}:{year}", lambda: standard_in_force_for(unit=unit, year=year),
                generation_keys=[IN_FORCE_KEY, unit_generation_key(IN_FORCE_PART, unit.pk)])


def in_force_changed(*, unit_ids: Iterable[int] = ()) -> None:
    """Drop the kept standards in force: of these units, or (no ids: a row, standard or questionnaire changed) of
    every unit; now and when the current transaction commits."""
    if unit_ids:
        unit_part_changed(IN_FORCE_PART, unit_ids=unit_ids)
    else:
        generations_changed([IN_FORCE_KEY])


def standard_in_force_required(*, unit: Unit, year: int) -> StandardInForce:
    """The row in force, or NoStandardInForce with a message naming the locality, year and unit kind."""
    row = standard_in_force_for(unit=unit, year=year)
    if row is None:
        place = unit.region
        raise NoStandardInForce(
            gettext("“%(unit)s”所在地区（%(place)s）尚未选定 %(year)s 年度适用于%(kind)s的创建标准，暂不能填报。"
                    "系统不会改用演示标准；请联系开展创建活动的市或县(市、区)三方办公室在“适用标准”页选定。")
            % {"unit": unit.name, "place": place.name, "year": year, "kind": unit.get_kind_display()}
        )
    return row


def _visible_regions_q(user: User) -> Q | None:
    """Rows of the user's jurisdiction and of the regions above it (what is inherited into it)."""
    roots = regions_for(user, STAFF_ROLES)
    if not roots:
        return None
    condition = Q()
    for root in roots:
        condition |= Q(region__path__startswith=root.path) | Q(region_id__in=root.path_ids)
    return condition


def standard_in_force_list_for(*, user: User) -> QuerySet[StandardInForce]:
    """What staff may read: every row in force in or above their jurisdiction; the system admin all of them."""
    rows = StandardInForce.objects.select_related("region", "standard", "questionnaire", "industry", "updated_by")
    if has_role(user, Role.SYSTEM_ADMIN):
        return rows
    condition = _visible_regions_q(user)
    return rows.none() if condition is None else rows.filter(condition)


def chooser_regions(*, user: User) -> QuerySet[Region]:
    """Where the user may choose: their city (and below) as city admin, their county as a county admin."""
    condition = Q(pk__in=[])
    for city in regions_for(user, [Role.CITY_ADMIN]):
        condition |= Q(path__startswith=city.path, level__in=[RegionLevel.CITY, RegionLevel.COUNTY])
    for county in regions_for(user, [Role.COUNTY_ADMIN]):
        condition |= Q(pk=county.pk)
    return Region.objects.filter(condition)


def standard_in_force_managed_by(*, user: User) -> QuerySet[StandardInForce]:
    """The rows the user may change (anything else is a 404 on the edit page)."""
    return standard_in_force_list_for(user=user).filter(region__in=chooser_regions(user=user))


def standards_choosable(*, regions: QuerySet[Region]) -> QuerySet[Standard]:
    """Standards these regions may choose: the general ones and those made for one of them or a region above."""
    locality_ids = {pk for region in regions for pk in region.path_ids}
    return (Standard.objects.filter(Q(locality__isnull=True) | Q(locality_id__in=locality_ids))
            .select_related("locality").order_by("unit_kind", "is_example", "code", "-version"))


def _problems(*, region: Region, year: int, unit_kind: str, standard: Standard,
              questionnaire: SurveyTemplate | None, example_confirmed: bool, by: User) -> list[str]:
    problems = []
    # The demo seeder chooses as the system administrator; a person chooses through the page, as the locality.
    if region.level == RegionLevel.COUNTY and not has_role(by, Role.SYSTEM_ADMIN) and not any(
        city.contains(region) for city in regions_for(by, [Role.CITY_ADMIN])
    ):
        policy = policy_for(region=region, year=year)
        if policy is None or policy.naming_level != NamingLevel.COUNTY:
            problems.append(gettext("%(region)s按所在市的实施方案开展创建活动，适用标准由市级三方办公室选定。")
                            % {"region": region.name})
    if standard.unit_kind != unit_kind:
        problems.append(gettext("所选标准适用于%(kind)s，与单位类型不符。")
                        % {"kind": standard.get_unit_kind_display()})
    if standard.locality_id is not None and standard.locality_id not in region.path_ids:
        problems.append(gettext("所选标准是为%(locality)s制定的，不适用于%(region)s。")
                        % {"locality": standard.locality.name, "region": region.name})
    if standard.effective_to is not None and standard.effective_to.year < year:
        problems.append(gettext("所选标准已于 %(day)s 失效。")
                        % {"day": date_format(standard.effective_to, pgettext("date with leading zeros", "Y年m月d日"))})
    if standard.is_example and not example_confirmed:
        problems.append(gettext("“%(title)s”是示例评分方案，不是正式标准；确需选用时请勾选“确认选用示例评分方案”，"
                                "页面和打印件都会标明“示例”。") % {"title": standard.title})
    satisfaction = list(standard.criteria.filter(satisfaction_source=True).values_list("code", "satisfaction_question"))
    if satisfaction and questionnaire is None:
        problems.append(gettext("所选标准有由职工满意度调查计分的条目，请同时选定满意度调查问卷。"))
    if questionnaire is not None:
        wanted = {question for _code, question in satisfaction if question}
        present = set(SurveyQuestion.objects.filter(template=questionnaire, code__in=wanted)
                      .values_list("code", flat=True))
        for code, question in satisfaction:
            if question and question not in present:
                problems.append(gettext("标准条目 %(code)s 按问卷题目“%(question)s”计分，但所选问卷没有这道题。")
                                % {"code": code, "question": question})
    return problems


def standard_in_force_save(
    *, region: Region, year: int, unit_kind: str, standard: Standard, by: User,
    questionnaire: SurveyTemplate | None = None, enterprise_size: str = "", industry: IndustryClass | None = None,
    basis: str = "", example_confirmed: bool = False, instance: StandardInForce | None = None,
) -> StandardInForce:
    """Choose (or change) the standard in force; refused with every reason at once. Audited (django-auditlog)."""
    problems = _problems(region=region, year=year, unit_kind=unit_kind, standard=standard,
                         questionnaire=questionnaire, example_confirmed=example_confirmed, by=by)
    if problems:
        raise ValidationError(problems)
    row = instance or StandardInForce()
    row.region, row.year, row.unit_kind, row.standard = region, year, unit_kind, standard
    row.questionnaire, row.enterprise_size, row.industry = questionnaire, enterprise_size, industry
    row.basis, row.updated_by = basis, by
    row.full_clean()
    with transaction.atomic():
        row.save()
    return row




def _file_text(content: bytes, name: str, error: type[Exception]) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error([gettext("%(name)s：文件不是 UTF-8 编码的文本，请另存为 UTF-8 编码的 YAML 文件后重新上传。")
                     % {"name": name}]) from exc


def standard_upload(*, content: bytes, name: str, by: User) -> tuple[Standard, bool]:
    """Load a standard file uploaded in the browser; returns (standard, written).

    The loader's checks apply, with line-numbered messages; an identical file already loaded is left as it is
    (written False). A city office may load only standards made for its city or a region in it; the system
    administrator any.
    """
    text = _file_text(content, name, StandardFileError)
    parsed = parse_standard(text, name)
    if not has_role(by, Role.SYSTEM_ADMIN):
        locality = Region.objects.filter(code=parsed.locality_code).first() if parsed.locality_code else None
        if locality is None or not any(city.contains(locality) for city in regions_for(by, [Role.CITY_ADMIN])):
            raise StandardFileError([
                gettext("%(name)s：市级三方办公室只能载入本市适用的标准，请在文件中用 locality 写明本市或"
                        "所辖县(市、区)的区划代码；不限地区的通用标准由系统管理员载入。")
                % {"name": name}
            ])
    return standard_load(text=text, source=name)


def questionnaire_upload(*, content: bytes, name: str) -> LoadResult:
    """Load a questionnaire file uploaded in the browser, without making it the default for every locality:
    a locality uses it once it is chosen in the standard in force. An identical file already loaded is a no-op."""
    return survey_template_load_text(content=_file_text(content, name, SurveyFileError), activate=False)
