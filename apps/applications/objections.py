"""The naming office decides an objection: one raised against a public notice, or one a consulted department
raised before it (apps/applications/notices, apps/applications/opinions). Both go the same way, here once."""

from collections.abc import Callable, Sequence

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.confirmation import confirmation_page, is_confirmed


class DecisionForm(forms.Form):
    """An objection's outcome, none chosen beforehand, and the resolution; ``key`` (the objection's id) keeps
    the ids of its fields apart from those of the other objections on the page."""

    outcome = forms.ChoiceField(label=_("处理结果"), widget=forms.RadioSelect,
                                error_messages={"required": _("请选择处理结果。")})
    resolution = forms.CharField(label=_("处理意见"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                                 error_messages={"required": _("请填写处理意见。")})

    def __init__(self, *args, key: int, upheld: str, **kwargs):
        super().__init__(*args, auto_id=f"objection-{key}-%s", **kwargs)
        self.fields["outcome"].choices = [("dismissed", _("异议不成立")), ("upheld", upheld)]


def with_decision_forms(objections, *, upheld: str, refused: DecisionForm | None = None, refused_key=None) -> list:
    """The objections, each pending one with its ``decision_form``: blank, or ``refused`` (the form as posted,
    with its errors) for the one whose id is ``refused_key``."""
    objections = list(objections)
    for objection in objections:
        if objection.pk == refused_key and refused is not None:
            objection.decision_form = refused
        else:
            objection.decision_form = DecisionForm(key=objection.pk, upheld=upheld)
    return objections


def objection_decide(request: HttpRequest, *, form: DecisionForm, may_act: bool, refused: str, question: str,
                     unit: str, details: Sequence[tuple[str, str]] = (), decide: Callable[[bool, str], object],
                     done: str, back: str, refused_page: Callable[[DecisionForm], HttpResponse]) -> HttpResponse:
    """The POST of a decision (``form``: an outcome, dismissed or upheld, and the resolution).

    Only the office of the objection's region decides (``may_act``, else ``refused``); an incomplete form comes
    back on its page with what was typed and its errors (``refused_page``, answered 400); a complete one is first
    shown on a confirmation page (``question`` with the outcome's label in ``%(outcome)s``; the unit,
    ``details``, then the resolution), and once confirmed ``decide(upheld, resolution)`` records it. Every other
    answer leads back to ``back``.
    """
    if not may_act:
        messages.error(request, refused)
    elif not form.is_valid():
        response = refused_page(form)
        response.status_code = 400
        return response
    elif not is_confirmed(request):
        outcome = form.cleaned_data["outcome"]
        return confirmation_page(
            request, question=question % {"outcome": dict(form.fields["outcome"].choices)[outcome]},
            confirm_label=gettext("确认提交"), danger=outcome == "upheld", cancel_url=back,
            summary=[(gettext("单位"), unit), *details, (gettext("处理意见"), form.cleaned_data["resolution"])],
        )
    else:
        try:
            with transaction.atomic():
                decide(form.cleaned_data["outcome"] == "upheld", form.cleaned_data["resolution"])
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, done)
    return redirect(back)
