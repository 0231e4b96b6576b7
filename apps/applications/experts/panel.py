"""What the review page shows of the expert pool: the draw beside the hand-picked panel, the drawn experts."""

from apps.applications.assessments.models import Application
from apps.applications.workflow.states import Status

from .forms import DeclineForm, DrawForm
from .models import Expert, ExpertDraw


def draw_context(application: Application, *, members, is_county_admin: bool, forms_panel: bool) -> dict:
    if not is_county_admin:
        return {}
    context: dict = {"draw_form": DrawForm() if forms_panel else None}
    if members and application.status == Status.COUNTY_REVIEW:
        draws = list(ExpertDraw.objects.filter(application=application).values_list("pk", "chosen"))
        ids = {pk for _, chosen in draws for party_ids in chosen.values() for pk in party_ids}
        by_user = {e.user_id: e for e in Expert.objects.filter(pk__in=ids, user__isnull=False)}
        context["drawn_seats"] = [(member, by_user[member.user_id], DeclineForm(initial={
            "expert": by_user[member.user_id].pk})) for member in members if member.user_id in by_user]
        context["last_draw_id"] = max((pk for pk, _ in draws), default=None)
    return context
