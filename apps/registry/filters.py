import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.core.choices import kept_choices
from apps.registry.enterprises.models import CreditGrade, IndustryClass, SizeClass
from apps.registry.enterprises.uscc import uscc_normalise
from apps.registry.units.models import Unit, UnitKind, VerificationStatus

from .selectors import regions_for_filter

SORTS = (
    ("name", "name"),
    ("enterprise__uscc", "uscc"),
    ("region__path", "region"),
    ("enterprise__employee_count", "employees"),
    ("created_at", "created"),
)


class UnitFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("名称或信用代码"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("单位类型"), choices=UnitKind.choices)
    region = django_filters.ModelChoiceFilter(label=_("地区"), queryset=None, method="filter_region")
    industry = django_filters.ModelChoiceFilter(
        label=_("行业"), queryset=IndustryClass.objects.order_by("code"), method="filter_industry"
    )
    size = django_filters.ChoiceFilter(label=_("企业规模"), choices=SizeClass.choices, field_name="enterprise__size")
    credit_grade = django_filters.ChoiceFilter(
        label=_("诚信等级"), choices=CreditGrade.choices, field_name="enterprise__credit_grade"
    )
    status = django_filters.ChoiceFilter(
        label=_("核验状态"), choices=VerificationStatus.choices, field_name="verification_status"
    )
    sort = django_filters.OrderingFilter(label=_("排序"), fields=SORTS)

    class Meta:
        model = Unit
        fields: list[str] = []

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.filters["region"].queryset = regions_for_filter(user=user)
        kept_choices(self.form.fields["region"], "unit-filter-region")
        kept_choices(self.form.fields["industry"], "unit-filter-industry")

    def filter_q(self, queryset: QuerySet[Unit], name: str, value: str) -> QuerySet[Unit]:
        value = value.strip()
        if not value:
            return queryset
        # Any fragment of the code: people copy the part of a code they can read off a scan or a list.
        return queryset.filter(Q(name__icontains=value) | Q(enterprise__uscc__contains=uscc_normalise(value)))

    def filter_region(self, queryset: QuerySet[Unit], name: str, value) -> QuerySet[Unit]:
        if value is None:
            return queryset
        return queryset.filter(Q(region__path__startswith=value.path) | Q(township__path__startswith=value.path))

    def filter_industry(self, queryset: QuerySet[Unit], name: str, value: IndustryClass) -> QuerySet[Unit]:
        if value is None:
            return queryset
        if value.is_section:
            return queryset.filter(enterprise__industry__section=value)
        return queryset.filter(enterprise__industry=value)

    @property
    def blank(self) -> bool:
        """No filter chosen (the list may be sorted) and no error: the whole list."""
        if not self.is_bound:
            return True
        return self.form.is_valid() and not any(value for name, value in self.form.cleaned_data.items()
                                                if name != "sort")

    @property
    def whole_in_name_order(self) -> bool:
        """No filter chosen and the list in name order (the default order, or sorted by name)."""
        return self.blank and (not self.is_bound or list(self.form.cleaned_data.get("sort") or ["name"]) == ["name"])

    @property
    def qs(self) -> QuerySet[Unit]:
        queryset = super().qs
        if not getattr(self.form, "cleaned_data", {}).get("sort"):
            return queryset.order_by("name", "pk")
        # Units of one name, or one head count, in a stable order: each page is read on its own.
        return queryset.order_by(*queryset.query.order_by, "pk")
