"""The one confirmation step of every irreversible action, rendered by the server.

The action's first POST, once its input is valid, answers with a page that
asks "确认…？", summarises what will happen and repeats everything posted as
hidden fields; its button posts the same data again with ``confirmed=1`` and
only then does the view act. No JavaScript is involved, so it works with
scripts blocked and from the keyboard (the confirm button takes the focus).
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

CONFIRM_FIELD = "confirmed"
_NOT_CARRIED = {"csrfmiddlewaretoken", CONFIRM_FIELD}


def is_confirmed(request: HttpRequest) -> bool:
    return request.POST.get(CONFIRM_FIELD) == "1"


def confirmation_page(request: HttpRequest, *, question: str, confirm_label: str, cancel_url: str,
                      summary: list[tuple[str, object]] = (), items: list[str] = (), warning: str = "",
                      danger: bool = False) -> HttpResponse:
    """The page asking to confirm the action just posted; ``summary`` rows are (label, value) pairs."""
    carried = [(key, value) for key, values in request.POST.lists() if key not in _NOT_CARRIED
               for value in values]
    return render(request, "components/confirm_action.html", {
        "question": question, "confirm_label": confirm_label, "cancel_url": cancel_url,
        "summary": [(label, value) for label, value in summary if value not in (None, "")],
        "items": items, "warning": warning, "danger": danger, "carried": carried,
        "action": request.get_full_path(), "confirm_field": CONFIRM_FIELD,
    })
