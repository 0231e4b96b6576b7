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

from apps.core.confirmation import confirmation_page, is_confirmed


def objection_decide(request: HttpRequest, *, form: forms.Form, may_act: bool, refused: str, question: str,
                     unit: str, details: Sequence[tuple[str, str]] = (), decide: Callable[[bool, str], object],
                     done: str, back: str) -> HttpResponse:
    """The POST of a decision (``form``: an outcome, dismissed or upheld, and the resolution).

    Only the office of the objection's region decides (``may_act``, else ``refused``); an incomplete form is
    sent back with a message; a complete one is first shown on a confirmation page (``question`` with the
    outcome's label in ``%(outcome)s``; the unit, ``details``, then the resolution), and once confirmed
    ``decide(upheld, resolution)`` records it. Every answer but the confirmation page leads back to ``back``.
    """
    if not may_act:
        messages.error(request, refused)
    elif not form.is_valid():
        messages.error(request, gettext("请选择处理结果并填写处理意见。"))
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
