from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.regions.models import RegionLevel


class CampaignYear(models.Model):
    """The calendar of one region's campaign for one year: the windows every phase must respect.

    The region (the column keeps its old name ``city``) is the one that runs the campaign: a city, or a
    county/district whose policy has it name its own units (天津市河东区); a unit's applications follow the
    nearest such calendar above it (``campaign_year_for_unit``). Who may set one is the service's rule
    (``campaign_year_save``). The rules of the year (notice length, township pre-check, …) are the campaign
    policy's (CampaignPolicy).
    """

    city = models.ForeignKey(
        "regions.Region", verbose_name=_("开展地区"), on_delete=models.PROTECT, related_name="campaign_years",
        limit_choices_to={"level__in": [RegionLevel.CITY, RegionLevel.COUNTY]},
        help_text=_("开展创建活动的市；县(市、区)按创建活动政策由本级命名时，可设置本级的创建活动年度。"),
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    self_evaluation_opens = models.DateField(_("自评申报开始日期"))
    self_evaluation_closes = models.DateField(_("自评申报截止日期"))
    county_review_deadline = models.DateField(_("县级评估验收截止日期"))
    city_confirmation_deadline = models.DateField(_("命名确认截止日期"),
                                                  help_text=_("命名层级(市级或县级)确认拟命名名单的截止日期。"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("创建活动年度")
        verbose_name_plural = _("创建活动年度")
        ordering = ["-year", "city__name"]
        constraints = [
            models.UniqueConstraint(fields=["city", "year"], name="campaign_year_unique_per_city"),
            models.CheckConstraint(
                condition=Q(self_evaluation_closes__gte=F("self_evaluation_opens"))
                & Q(county_review_deadline__gte=F("self_evaluation_closes"))
                & Q(city_confirmation_deadline__gte=F("county_review_deadline")),
                name="campaign_year_phases_in_order",
            ),
        ]

    def __str__(self) -> str:
        # The region is data; the words around the year are the reader's language (messages name it).
        return gettext("%(region)s %(year)s 年度") % {"region": self.city.name, "year": self.year}

    def clean(self) -> None:
        order = [
            ("self_evaluation_opens", "self_evaluation_closes", _("自评申报截止日期不能早于开始日期。")),
            ("self_evaluation_closes", "county_review_deadline", _("县级评估验收截止日期不能早于自评申报截止日期。")),
            ("county_review_deadline", "city_confirmation_deadline",
             _("命名确认截止日期不能早于县级评估验收截止日期。")),
        ]
        errors = {}
        for earlier, later, message in order:
            first, second = getattr(self, earlier), getattr(self, later)
            if first and second and second < first:
                errors[later] = message
        if errors:
            raise ValidationError(errors)


class EvidenceKind(models.TextChoices):
    """The kinds of evidence a unit uploads; a policy names which of them a submission must carry."""

    CONGRESS_APPROVAL = "congress_approval", _("职工(代表)大会审议通过的自我评价报告")
    COMMITMENT = "commitment", _("申报承诺书")
    OTHER = "other", _("其他佐证材料")


class NamingLevel(models.TextChoices):
    """The level whose tripartite body confirms, publishes the notice and names (命名)."""

    CITY = RegionLevel.CITY.value, _("市级")
    COUNTY = RegionLevel.COUNTY.value, _("县(市、区)级")


# What the portal applied before localities set these rules: renewal in a title's last 180 days, reminders 90 and
# 30 days before its end; periodic checks of named units by the province and city offices (临汾 五(四)).
DEFAULT_RENEWAL_OPENS_DAYS = 180
DEFAULT_REMINDER_DAYS = (90, 30)
DEFAULT_TITLE_CHECK_LEVELS = (RegionLevel.PROVINCE.value, RegionLevel.CITY.value)


def default_reminder_days() -> list[int]:
    return list(DEFAULT_REMINDER_DAYS)


def default_title_check_levels() -> list[str]:
    return list(DEFAULT_TITLE_CHECK_LEVELS)


class CampaignPolicy(models.Model):
    """A locality's rules for one campaign year, as its own implementing document (实施方案) sets them.

    Set by the city or district that runs the campaign and inherited downwards: the policy that applies to a
    region is the one of the nearest region at or above it, for the latest year not after the campaign year
    (``policy_for`` in selectors.py). Every rule a document sets is a field here, never a branch named after
    a city. A field left empty means the document sets no such rule, and the portal imposes none.
    """

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("制定地区"), on_delete=models.PROTECT, related_name="campaign_policies",
        help_text=_("开展创建活动并制定实施方案的市或县(市、区)；其下各级沿用。"),
    )
    year = models.PositiveSmallIntegerField(_("起始年度"), help_text=_("自该年度起适用，直到有更晚年度的版本。"))
    source_document = models.CharField(_("依据文件"), max_length=200, blank=True,
                                       help_text=_("实施方案的名称和文号，如 枣人社字〔2023〕34号。"))
    issuing_office = models.CharField(_("发文机关"), max_length=200, blank=True,
                                      help_text=_("印在公示、命名决定和报告封面上的机关名称。"))
    naming_level = models.CharField(_("命名层级"), max_length=10, choices=NamingLevel.choices,
                                    default=NamingLevel.CITY)
    province_decides = models.BooleanField(
        _("由省级审定"), default=False,
        help_text=_("勾选后，命名层级确认的名单须报省级审定；记录省级决定及其文号后方可公示、命名。"),
    )
    # Unit kind → the title's full wording on certificates, notices and the verification page.
    titles = models.JSONField(_("称号全称"), default=dict, blank=True,
                              help_text=_("按单位类型填写，如 天津市河东区劳动关系和谐企业；未填的类型用通用称号。"))
    title_level = models.CharField(_("称号级别"), max_length=20, blank=True, help_text=_("如 市级、区级。"))
    township_precheck = models.BooleanField(_("启用乡镇(街道)初核"), default=False)
    # [{"party": <accounts.Party>, "required": bool}, …] in the order the document lists them.
    panel_parties = models.JSONField(_("评估组成员单位"), default=list, blank=True)
    # Unit kind → the evidence a submission must carry: [{"kind": <EvidenceKind>, "label": str}, …].
    required_evidence = models.JSONField(_("必须上传的材料"), default=dict, blank=True)
    validity_years = models.PositiveSmallIntegerField(_("称号有效期（年）"), null=True, blank=True,
                                                      help_text=_("文件未规定有效期的留空。"))
    satisfaction_threshold = models.DecimalField(_("满意率达标线(%)"), max_digits=5, decimal_places=2,
                                                 null=True, blank=True, help_text=_("文件未规定的留空。"))
    notice_working_days = models.PositiveSmallIntegerField(
        _("公示期（工作日）"), null=True, blank=True,
        help_text=_("文件未规定的留空：公示期由发布公示的机关确定（默认 5 个工作日）。"))
    uses_grades = models.BooleanField(_("评定等级"), default=False,
                                      help_text=_("文件规定分等级（如 A、AA、AAA）时勾选。"))
    # Blank: the document sets none; the office that named the title decides (revocation_office_level).
    revocation_proposer = models.CharField(_("撤销提出层级"), max_length=10, choices=RegionLevel.choices,
                                           blank=True, help_text=_("文件未规定的留空。"))
    revocation_approver = models.CharField(_("撤销决定层级"), max_length=10, choices=RegionLevel.choices,
                                           blank=True, help_text=_("文件未规定的留空：由命名机关决定。"))
    # The higher-level consents recorded before a revocation takes effect, in order: ["省级审核", …].
    revocation_consents = models.JSONField(_("撤销前须取得的上级意见"), default=list, blank=True)
    revocation_notice = models.TextField(_("撤销公告用语"), blank=True,
                                         help_text=_("可用 {unit}、{title}、{reason}、{office}。"))
    # Hedong (seed 004, 二(六)): every harmonious enterprise has a certified coordinator by November 2023.
    coordinators_per_named_unit = models.PositiveSmallIntegerField(
        _("每家命名单位至少配备的持证协调员"), null=True, blank=True,
        help_text=_("文件要求和谐企业配备取得技能等级证书的劳动关系协调员时填写人数；未要求的留空。"))
    coordinators_deadline = models.DateField(_("配备协调员的期限"), null=True, blank=True,
                                             help_text=_("文件规定的最迟日期，如 2023年11月前 填 2023-10-31。"))
    renewal_opens_days = models.PositiveSmallIntegerField(
        _("复审申请期（到期前天数）"), default=DEFAULT_RENEWAL_OPENS_DAYS,
        help_text=_("称号有效期届满前多少天内，单位可以申请复审；不能短于最早的到期提醒。"))
    # Days before a title's end at which its unit and county office are reminded: [90, 30], the earliest first.
    reminder_days = models.JSONField(_("到期提醒（到期前天数）"), default=default_reminder_days,
                                     help_text=_("到期前第几天提醒单位和县级三方办公室，可填多个，如 90、30。"))
    # 临汾 (seed 000, 五(四)): 由省、市级…采取抽查、普查等方式…定期对已命名的示范单位进行核查. [<RegionLevel>, …]
    title_check_levels = models.JSONField(_("开展命名单位核查的层级"), default=default_title_check_levels,
                                          help_text=_("哪些层级的三方办公室可以对已命名单位开展抽查、普查。"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("最后修改人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("创建活动政策")
        verbose_name_plural = _("创建活动政策")
        ordering = ["region__path", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="campaign_policy_unique_per_region_year"),
        ]

    def __str__(self) -> str:
        return gettext("%(region)s %(year)s 年起") % {"region": self.region.name, "year": self.year}

    def title_for(self, unit_kind: str) -> str:
        return self.titles.get(unit_kind, "")

    def clean(self) -> None:
        errors = {}
        days = list(self.reminder_days or [])
        if not isinstance(self.reminder_days, list) or any(
                not isinstance(day, int) or isinstance(day, bool) or day < 1 for day in days):
            errors["reminder_days"] = _("到期提醒天数须为正整数。")
        elif len(set(days)) != len(days):
            errors["reminder_days"] = _("到期提醒天数不能重复。")
        if self.renewal_opens_days is not None and self.renewal_opens_days < 1:
            errors["renewal_opens_days"] = _("复审申请期须为正整数天数。")
        elif days and not errors and self.renewal_opens_days is not None and self.renewal_opens_days < max(days):
            errors["renewal_opens_days"] = _(
                "复审申请期（%(opens)s 天）不能短于最早的到期提醒（到期前 %(first)s 天）："
                "单位收到提醒时应已可以申请复审。") % {"opens": self.renewal_opens_days, "first": max(days)}
        levels = self.title_check_levels
        if not isinstance(levels, list) or any(level not in RegionLevel.values for level in levels):
            errors["title_check_levels"] = _("开展命名单位核查的层级不正确。")
        if errors:
            raise ValidationError(errors)

    def required_parties(self) -> list[str]:
        return [row["party"] for row in self.panel_parties if row.get("required")]
