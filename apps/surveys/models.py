"""The employee satisfaction survey: questionnaires as data, one survey per unit and year.

Answers are stored so that no one can tell who gave them: a response row
has no timestamp, IP, user agent or link to the device record or answer
code, and the device record and the answer code keep only a keyed hash.
Nothing in the portal shows a single response; pages show aggregates from
selectors. How answers arrived is kept as coarse counters (per hour, per
hashed network prefix) that no response row points to.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.registry.enterprises.models import SizeClass
from apps.registry.units.models import UnitKind


class SurveyTemplate(models.Model):
    """A questionnaire loaded from a file in ``fixtures/surveys/``; never edited in place once used."""

    code = models.SlugField(_("问卷代码"), max_length=60)
    version = models.CharField(_("版本"), max_length=30)
    title = models.CharField(_("问卷标题"), max_length=200)
    source = models.TextField(_("依据"), blank=True)
    intro = models.TextField(_("填写说明"), blank=True)
    min_responses = models.PositiveIntegerField(
        _("显示结果所需最少答卷数"), default=10,
        help_text=_("答卷数达到此数之前，单位只能看到已答人数，以免推断个人回答。"),
    )
    threshold_percent = models.DecimalField(_("满意率达标线(%)"), max_digits=5, decimal_places=2, default=80)
    max_responses = models.PositiveIntegerField(_("每份调查答卷上限"), default=5000)
    responses_per_employee = models.PositiveIntegerField(
        _("答卷上限(职工人数倍数)"), default=5,
        help_text=_("填写了职工人数时，答卷上限取职工人数的此倍数与上限中较小者。"),
    )
    score_mapping_title = models.CharField(_("满意率折算分值说明"), max_length=200, blank=True)
    score_mapping = models.JSONField(
        _("满意率折算分值"), default=list, blank=True,
        help_text=_("[{\"min_rate\": 90, \"score\": 10}, ...]，按满意率从高到低，取第一个不高于满意率的档次。"),
    )
    is_active = models.BooleanField(_("当前使用"), default=False)
    source_sha256 = models.CharField(max_length=64, editable=False)
    loaded_at = models.DateTimeField(_("载入时间"), auto_now=True)

    class Meta:
        verbose_name = _("满意度问卷")
        verbose_name_plural = _("满意度问卷")
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="survey_template_code_version_unique"),
            models.UniqueConstraint(
                fields=["is_active"], condition=Q(is_active=True), name="survey_template_one_active"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.version}）"


class SurveyOption(models.Model):
    """One point of the answer scale; ``counts_as_satisfied`` decides what the satisfaction rate counts."""

    template = models.ForeignKey(SurveyTemplate, on_delete=models.CASCADE, related_name="options")
    value = models.SmallIntegerField(_("分值"))
    label = models.CharField(_("选项"), max_length=30)
    counts_as_satisfied = models.BooleanField(_("计入满意"))
    order = models.PositiveSmallIntegerField(_("顺序"))

    class Meta:
        verbose_name = _("答题选项")
        verbose_name_plural = _("答题选项")
        ordering = ["template", "order"]
        constraints = [models.UniqueConstraint(fields=["template", "value"], name="survey_option_value_unique")]

    def __str__(self) -> str:
        return self.label


class SurveyQuestion(models.Model):
    template = models.ForeignKey(SurveyTemplate, on_delete=models.CASCADE, related_name="questions")
    code = models.SlugField(_("题目代码"), max_length=40)
    dimension = models.CharField(_("维度"), max_length=40)
    text = models.CharField(_("题目"), max_length=300)
    is_overall = models.BooleanField(_("总体评价题"), default=False)
    order = models.PositiveSmallIntegerField(_("顺序"))

    class Meta:
        verbose_name = _("调查题目")
        verbose_name_plural = _("调查题目")
        ordering = ["template", "order"]
        constraints = [
            models.UniqueConstraint(fields=["template", "code"], name="survey_question_code_unique"),
            models.UniqueConstraint(
                fields=["template"], condition=Q(is_overall=True), name="survey_question_one_overall"
            ),
        ]

    def __str__(self) -> str:
        return self.dimension


class SurveyStatus(models.TextChoices):
    OPEN = "open", _("收集中")
    CLOSED = "closed", _("已结束")


class SurveyMode(models.TextChoices):
    """How employees prove they may answer; only answer codes make a survey fit to feed a score."""

    CODES = "codes", _("答题码（每个答题码只能提交一次，可计入自评得分）")
    LINK = "link", _("仅链接（每台设备一次，不能计入自评得分）")


class Survey(models.Model):
    """One unit's survey in one campaign year, answered through ``/s/<token>/``."""

    unit = models.ForeignKey("registry.Unit", verbose_name=_("参创单位"), on_delete=models.CASCADE,
                             related_name="surveys")
    year = models.PositiveSmallIntegerField(_("创建年度"))
    template = models.ForeignKey(
        SurveyTemplate, verbose_name=_("问卷"), on_delete=models.PROTECT, related_name="surveys"
    )
    token = models.CharField(_("链接令牌"), max_length=40, unique=True, editable=False)
    status = models.CharField(_("状态"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.OPEN)
    mode = models.CharField(_("答卷方式"), max_length=10, choices=SurveyMode.choices, default=SurveyMode.LINK)
    employee_count = models.PositiveIntegerField(_("职工人数"), null=True, blank=True)
    max_responses = models.PositiveIntegerField(_("答卷上限"))
    response_count = models.PositiveIntegerField(_("已收答卷"), default=0)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("发起人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(_("发起时间"), auto_now_add=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("职工满意度调查")
        verbose_name_plural = _("职工满意度调查")
        ordering = ["-year", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="survey_one_per_unit_and_year"),
            models.CheckConstraint(condition=Q(response_count__lte=F("max_responses")), name="survey_within_cap"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.year}"

    @property
    def is_open(self) -> bool:
        return self.status == SurveyStatus.OPEN

    @property
    def uses_codes(self) -> bool:
        return self.mode == SurveyMode.CODES


class SurveyCodeStatus(models.TextChoices):
    UNUSED = "unused", _("未使用")
    USED = "used", _("已使用")
    VOID = "void", _("已作废")


class SurveyCode(models.Model):
    """A single-use answer code (答题码): a keyed hash and whether it was used, nothing else.

    No time, no order of use and no link to the response it admitted: the
    code is marked used in the answer's transaction, and nothing ties the two.
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=SurveyCodeStatus.choices, default=SurveyCodeStatus.UNUSED)

    class Meta:
        verbose_name = _("答题码")
        verbose_name_plural = _("答题码")
        constraints = [models.UniqueConstraint(fields=["survey", "code_hash"], name="survey_code_once")]

    def __str__(self) -> str:
        return f"{self.survey_id}:{self.code_hash[:8]}"


class SurveyArrivalHour(models.Model):
    """How many answers arrived in one hour: a counter, never a row per answer."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    hour = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "hour"], name="survey_arrival_hour_once")]

    def __str__(self) -> str:
        return f"{self.survey_id}:{self.hour:%Y-%m-%d %H}"


class SurveyArrivalNetwork(models.Model):
    """How many answers came from one network (IPv4 /24, IPv6 /48), as a keyed hash of the prefix only."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    network_hash = models.CharField(max_length=16)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "network_hash"], name="survey_arrival_network_once")]

    def __str__(self) -> str:
        return f"{self.survey_id}:{self.network_hash}"


class SurveyDevice(models.Model):
    """A device that has answered: a keyed hash of the random token in its signed cookie, nothing else."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "token_hash"], name="survey_device_once")]

    def __str__(self) -> str:
        return f"{self.survey_id}:{self.token_hash[:8]}"


class SurveyResponse(models.Model):
    """One employee's submission; deliberately without time, address or any link to the device."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return f"#{self.pk}"


class SurveyAnswer(models.Model):
    # ``survey`` repeats response.survey so the aggregate is one grouped scan of one index.
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.PROTECT, related_name="answers")
    option = models.ForeignKey(SurveyOption, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="survey_answer_once")]
        indexes = [models.Index(fields=["survey", "question", "option"], name="survey_answer_agg")]

    def __str__(self) -> str:
        return f"#{self.pk}"


class StandardInForce(models.Model):
    """Which standard and questionnaire a locality chose for one unit kind, from one campaign year on.

    Set by the city or district that runs the campaign and inherited downwards, like the campaign policy:
    a unit gets the row of the nearest region at or above it, for the latest year not after the campaign
    year, that matches its kind (and, where the locality has variants, its size or industry). No row means
    no standard: applications are refused, never opened on the demonstration standard. It lives here, above
    standards and campaigns, because it also names the questionnaire.
    """

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("选定地区"), on_delete=models.PROTECT, related_name="standards_in_force",
        help_text=_("开展创建活动的市或县(市、区)；其下各级沿用。"),
    )
    year = models.PositiveSmallIntegerField(_("起始年度"), help_text=_("自该年度起适用，直到有更晚年度的选定。"))
    unit_kind = models.CharField(_("单位类型"), max_length=20, choices=UnitKind.choices)
    enterprise_size = models.CharField(
        _("企业规模"), max_length=10, choices=SizeClass.choices, blank=True,
        help_text=_("当地按企业规模分别制定标准时填写；留空适用于各种规模。"),
    )
    industry = models.ForeignKey(
        "registry.IndustryClass", verbose_name=_("行业"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text=_("当地按行业分别制定标准时填写（门类或大类）；留空适用于各行业。"),
    )
    standard = models.ForeignKey(
        "standards.Standard", verbose_name=_("创建标准"), on_delete=models.PROTECT, related_name="in_force",
    )
    questionnaire = models.ForeignKey(
        SurveyTemplate, verbose_name=_("满意度调查问卷"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="in_force", help_text=_("标准有由满意度调查计分的条目时须选定。"),
    )
    basis = models.CharField(_("依据"), max_length=200, blank=True,
                             help_text=_("选定该标准的文件，如 枣人社字〔2023〕34号。"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("选定人"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("适用标准")
        verbose_name_plural = _("适用标准")
        ordering = ["region__path", "-year", "unit_kind", "enterprise_size"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "unit_kind", "enterprise_size", "industry"], nulls_distinct=False,
                name="standard_in_force_unique",
                violation_error_message=_("该地区这一年度的此类单位已选定标准，请修改已有的选定。"),
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(region)s %(year)s 年起 %(kind)s：%(standard)s") % {
            "region": self.region.name, "year": self.year, "kind": self.get_unit_kind_display(),
            "standard": self.standard}

    @property
    def variant_label(self) -> str:
        parts = [str(part) for part in (self.get_enterprise_size_display(), self.industry) if part]
        return "、".join(parts)
