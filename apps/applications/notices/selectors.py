from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from apps.accounts.models import User
from apps.accounts.selectors import scope_to_jurisdiction

from .models import Notice, NoticeEntry, Objection, ObjectionStatus


def notice_list_for(*, user: User) -> QuerySet[Notice]:
    return scope_to_jurisdiction(Notice.objects.select_related("city"), user, fields=("city",),
                                 roles=("city_admin",))


def notices_current() -> QuerySet[Notice]:
    """Notices open today (public)."""
    today = timezone.localdate()
    return Notice.objects.filter(starts_on__lte=today, ends_on__gte=today).select_related("city")


def notices_public() -> QuerySet[Notice]:
    return Notice.objects.filter(starts_on__lte=timezone.localdate()).select_related("city")


def notice_entries(notice: Notice) -> QuerySet[NoticeEntry]:
    return notice.entries.select_related("application__unit__region", "application__review_panel").annotate(
        pending=Count("objections", filter=Q(objections__status=ObjectionStatus.PENDING)),
        upheld=Count("objections", filter=Q(objections__status=ObjectionStatus.UPHELD)),
    )


def objection_list_for(*, user: User) -> QuerySet[Objection]:
    return scope_to_jurisdiction(
        Objection.objects.select_related("entry__notice", "entry__application__unit"),
        user, fields=("entry__notice__city",), roles=("city_admin",),
    )


def naming_blockers(*, application) -> list[str]:
    """Why the application cannot be named yet: its notice still runs or an objection is open or upheld."""
    entry = (
        NoticeEntry.objects.filter(application=application).select_related("notice").order_by("-notice__starts_on")
        .first()
    )
    if entry is None:
        return ["该申报未经公示，不能命名。"]
    problems = []
    if entry.notice.ends_on >= timezone.localdate():
        problems.append(f"公示期至 {entry.notice.ends_on:%Y年%m月%d日} 结束，公示期满后方可命名。")
    open_objections = entry.objections.exclude(status=ObjectionStatus.DISMISSED).count()
    if open_objections:
        problems.append(f"尚有 {open_objections} 条异议未处理或已成立，不能命名。")
    return problems
