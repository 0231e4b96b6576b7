import django_filters
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import AccountEvent, AccountEventKind
from apps.core.params import whole_number
from apps.core.widgets import DateInput

from .tracked import TRACKED

ACTION_CHOICES = (
    (LogEntry.Action.CREATE, _("新建")),
    (LogEntry.Action.UPDATE, _("修改")),
    (LogEntry.Action.DELETE, _("删除")),
)
SYSTEM = "系统"


def tracked_choices() -> list[tuple[str, str]]:
    """Every followed model, read when a form is built (the apps register theirs at start-up)."""
    return [(t.model.lower(), t.label) for t in TRACKED]


class AuditEntryFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("对象类型"), method="filter_kind",
                                       choices=tracked_choices)
    object = django_filters.CharFilter(label=_("对象名称"), method="filter_object",
                                       help_text=_("对象名称中的文字，或对象编号"))
    actor = django_filters.CharFilter(label=_("操作人"), method="filter_actor",
                                      help_text=_("用户名或姓名；输入“系统”查看定时任务和命令所做的变更"))
    action = django_filters.ChoiceFilter(label=_("操作"), choices=ACTION_CHOICES)
    date_from = django_filters.DateFilter(label=_("起始日期"), field_name="timestamp", lookup_expr="date__gte",
                                          widget=DateInput)
    date_to = django_filters.DateFilter(label=_("截止日期"), field_name="timestamp", lookup_expr="date__lte",
                                        widget=DateInput)
    application = django_filters.NumberFilter(label=_("申报编号"), field_name="scope__application_id", min_value=1)

    class Meta:
        model = LogEntry
        fields: list[str] = []

    def filter_kind(self, queryset: QuerySet[LogEntry], name: str, value: str) -> QuerySet[LogEntry]:
        app_label, model = value.split(".")
        return queryset.filter(content_type=ContentType.objects.get_by_natural_key(app_label, model))

    def filter_object(self, queryset: QuerySet[LogEntry], name: str, value: str) -> QuerySet[LogEntry]:
        value = value.strip()
        if whole_number(value) is not None:
            return queryset.filter(Q(object_id=int(value)) | Q(object_repr__icontains=value))
        return queryset.filter(object_repr__icontains=value) if value else queryset

    def filter_actor(self, queryset: QuerySet[LogEntry], name: str, value: str) -> QuerySet[LogEntry]:
        value = value.strip()
        if value == SYSTEM:
            return queryset.filter(actor__isnull=True, remote_addr__isnull=True)
        if not value:
            return queryset
        return queryset.filter(Q(actor__username=value) | Q(actor__full_name__icontains=value))


class AccountEventFilter(django_filters.FilterSet):
    username = django_filters.CharFilter(label=_("用户名"), field_name="username", lookup_expr="iexact")
    kind = django_filters.ChoiceFilter(label=_("事件"), choices=AccountEventKind.choices)
    date_from = django_filters.DateFilter(label=_("起始日期"), field_name="created_at", lookup_expr="date__gte",
                                          widget=DateInput)
    date_to = django_filters.DateFilter(label=_("截止日期"), field_name="created_at", lookup_expr="date__lte",
                                        widget=DateInput)

    class Meta:
        model = AccountEvent
        fields: list[str] = []
