from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.registry.units.models import UnitKind


class Standard(models.Model):
    """One version of an evaluation standard, loaded from a file in fixtures/standards/.

    Rows are written only by ``standard_load``; a version that an application
    uses is protected (applications point here with PROTECT) and is never
    rewritten: a changed standard is loaded as a new version.
    """

    code = models.CharField(_("标准编号"), max_length=60)
    version = models.CharField(_("版本"), max_length=20)
    title = models.CharField(_("标准名称"), max_length=200)
    issuing_body = models.CharField(_("发布单位"), max_length=200)
    unit_kind = models.CharField(_("适用单位类型"), max_length=20, choices=UnitKind.choices)
    locality = models.ForeignKey(
        "regions.Region", verbose_name=_("适用地区"), null=True, blank=True, on_delete=models.PROTECT,
        help_text=_("留空表示不限地区。"),
    )
    effective_from = models.DateField(_("生效日期"))
    effective_to = models.DateField(_("失效日期"), null=True, blank=True)
    total_score = models.DecimalField(_("总分"), max_digits=7, decimal_places=2)
    pass_line = models.DecimalField(
        _("达标线"), max_digits=7, decimal_places=2, null=True, blank=True,
        help_text=_("留空表示标准不设总分达标线，以条目完整、一票否决和等级评定。"),
    )
    variant = models.CharField(
        _("适用类别"), max_length=60, blank=True,
        help_text=_("同一地区按企业规模或行业分别制定的版本，如 中小微企业；适用哪类单位由“适用标准”选定。"),
    )
    is_example = models.BooleanField(_("示例评分方案"), default=False)
    example_note = models.TextField(_("示例说明"), blank=True)
    source_file = models.CharField(_("来源文件"), max_length=255, blank=True)
    source_sha256 = models.CharField(_("文件内容校验值"), max_length=64, blank=True, editable=False)
    loaded_at = models.DateTimeField(_("载入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("创建标准")
        verbose_name_plural = _("创建标准")
        ordering = ["code", "-effective_from"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="standard_code_version_unique")]

    def __str__(self) -> str:
        return f"{self.title}（{self.version}）"

    @property
    def has_pass_line(self) -> bool:
        return self.pass_line is not None


class SubLine(models.Model):
    """A named group of criteria that must reach its own minimum (e.g. 基础指标 ≥ 42)."""

    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="sub_lines")
    name = models.CharField(_("分项名称"), max_length=100)
    minimum = models.DecimalField(_("最低分"), max_digits=7, decimal_places=2)
    criterion_codes = models.JSONField(_("包含的条目编号"), default=list)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("分项最低分")
        verbose_name_plural = _("分项最低分")
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.name} ≥ {self.minimum}"


class Grade(models.Model):
    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="grades")
    label = models.CharField(_("等级"), max_length=20)
    min_score = models.DecimalField(_("最低分"), max_digits=7, decimal_places=2)

    class Meta:
        verbose_name = _("等级")
        verbose_name_plural = _("等级")
        ordering = ["min_score"]

    def __str__(self) -> str:
        return f"{self.label} ≥ {self.min_score}"


class CriterionKind(models.TextChoices):
    GROUP = "group", _("分组")
    NUMBER = "number", _("数值评分")
    CHOICE = "choice", _("选项评分")
    VETO = "veto", _("一票否决")


class Criterion(models.Model):
    """A node of a standard's item tree: a group, or a leaf that is answered."""

    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="criteria")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    code = models.CharField(_("条目编号"), max_length=30)
    title = models.TextField(_("条目内容"))
    kind = models.CharField(_("类型"), max_length=10, choices=CriterionKind.choices)
    position = models.PositiveIntegerField(_("顺序"), default=0)
    depth = models.PositiveSmallIntegerField(default=0)
    min_score = models.DecimalField(_("最低分"), max_digits=7, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField(_("最高分"), max_digits=7, decimal_places=2, null=True, blank=True)
    step = models.DecimalField(_("步长"), max_digits=7, decimal_places=2, null=True, blank=True)
    choices = models.JSONField(_("选项"), default=list, blank=True, help_text=_("[{\"value\": 0, \"label\": \"…\"}]"))
    guidance = models.TextField(_("评分说明"), blank=True)
    evidence_hint = models.TextField(_("应提供的佐证材料"), blank=True)
    satisfaction_source = models.BooleanField(
        _("由职工满意度调查计分"), default=False,
        help_text=_("勾选后，该条目可由职工满意度调查的综合满意率换算得分。"),
    )
    satisfaction_question = models.CharField(
        _("计分所依据的调查题目"), max_length=40, blank=True,
        help_text=_("问卷中题目的代码；留空时按综合满意率计分。"),
    )

    class Meta:
        verbose_name = _("评价条目")
        verbose_name_plural = _("评价条目")
        ordering = ["standard", "position"]
        constraints = [models.UniqueConstraint(fields=["standard", "code"], name="criterion_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.title[:30]}"

    @property
    def is_leaf(self) -> bool:
        return self.kind != CriterionKind.GROUP
