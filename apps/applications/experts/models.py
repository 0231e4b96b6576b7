"""The expert pool (专家库) panels are drawn from, and the log of every draw (抽取记录)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Party
from apps.core.draws import sample_per_group


class Expert(models.Model):
    """A person a county or city office may draw onto a 三方评估组 for their party.

    ``user`` is the portal account they score with (a 县级三方评估人员 of the same party); a pool entry
    without one stays in the pool but is not drawn (the draw log says why).
    """

    region = models.ForeignKey("regions.Region", verbose_name=_("所属地区"), on_delete=models.PROTECT,
                               related_name="+")
    name = models.CharField(_("姓名"), max_length=50)
    party = models.CharField(_("所属方"), max_length=20, choices=Party.choices)
    employer = models.CharField(_("工作单位"), max_length=200)
    credit_code = models.CharField(_("工作单位统一社会信用代码"), max_length=18, blank=True)
    township = models.ForeignKey("regions.Region", verbose_name=_("所在乡镇(街道)"), on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="+")
    title = models.CharField(_("职务/职称"), max_length=100, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("评分账号"), on_delete=models.PROTECT,
                             null=True, blank=True, related_name="expert_entries")
    is_active = models.BooleanField(_("在库"), default=True)
    created_at = models.DateTimeField(_("入库时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("评估专家")
        verbose_name_plural = _("评估专家")
        ordering = ["party", "name", "pk"]
        indexes = [models.Index(fields=["region", "party"])]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_party_display()}）"


class ExpertRelation(models.Model):
    """A relation the expert declared to a unit (任职、亲属、顾问…): they are never drawn to review it."""

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="relations")
    unit_name = models.CharField(_("关联单位名称"), max_length=200)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    relation = models.CharField(_("关系说明"), max_length=100)

    class Meta:
        verbose_name = _("申报的利害关系")
        verbose_name_plural = _("申报的利害关系")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.unit_name}（{self.relation}）"


def pick(candidates: dict[str, list[int]], seed: str, per_party: int) -> dict[str, list[int]]:
    """The experts drawn per party: a pure function of the recorded candidates and seed, so it can be re-run."""
    return sample_per_group(candidates, seed, per_party)


class ExpertDraw(models.Model):
    """One random draw for an application's panel, or the redraw of one party after an expert declined.

    ``candidates`` (party → expert ids) and ``seed`` are what ``pick`` drew from; ``excluded`` lists the pool
    entries left out and why. Re-running ``pick`` on them gives ``chosen`` again (``reproduces``).
    """

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE,
                                    related_name="expert_draws")
    seed = models.CharField(_("随机种子"), max_length=32)
    per_party = models.PositiveSmallIntegerField(_("每方抽取人数"), default=1)
    same_township_excluded = models.BooleanField(_("回避同一乡镇(街道)"), default=False)
    candidates = models.JSONField(_("候选名单"), default=dict)
    excluded = models.JSONField(_("回避名单"), default=list)
    chosen = models.JSONField(_("抽取结果"), default=dict)
    replaces = models.ForeignKey(Expert, verbose_name=_("替换的专家"), on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="+")
    decline_reason = models.CharField(_("不能参加的原因"), max_length=200, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("抽取人"), on_delete=models.PROTECT,
                           related_name="+")
    created_at = models.DateTimeField(_("抽取时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("专家抽取记录")
        verbose_name_plural = _("专家抽取记录")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.application} 专家抽取 {self.seed}"

    def rerun(self) -> dict[str, list[int]]:
        return pick(self.candidates, self.seed, self.per_party)

    @property
    def reproduces(self) -> bool:
        return self.rerun() == self.chosen
