"""The review page's forms as markup, between each form's CSRF token and its button: the panel, decision and
inspection forms. A county admin's page offered them blank on every request, and writing their checkboxes, radios
and fields through Django's form renderer was about half of the page's Python (docs/benchmarks.md). A blank one is
kept rendered per language and everything it is written from (``core.choices.kept_markup``: the county's
reviewers as the panel form offers them, the parties the policy seats, the standard's items, the naming level's
word), so a changed reviewer, policy or standard is written anew under its own key; a bound one (a refused POST,
with what was typed and its errors) is written each time. The token is never in the markup: the page writes it.
"""

from collections.abc import Iterable, Sequence

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from apps.accounts.models import User
from apps.core.choices import kept_markup
from apps.core.templatetags.form_fields import form_fields
from apps.standards.models import Criterion

from .forms import DecisionForm, InspectionForm, PanelForm


def panel_fields(*, people: Sequence[User], parties: dict[int, str], party_rows: Iterable[tuple[str, bool]],
                 members: list[int] | None) -> SafeString:
    """The panel form offering the county's reviewers ``people`` (``selectors.county_reviewers``), the current
    ``members`` checked when the panel is formed again. Only ever blank: a refused one goes back to the page."""
    party_rows = tuple((str(label), required) for label, required in party_rows)

    def render() -> str:
        form = PanelForm(reviewers=User.objects.filter(pk__in=[u.pk for u in people]), people=people,
                         parties=parties, party_rows=party_rows,
                         initial={"reviewers": members} if members is not None else None)
        return render_to_string("reviews/_panel_fields.html", {"panel_form": form})

    offered = tuple((user.pk, str(user), str(parties.get(user.pk, ""))) for user in people)
    return kept_markup("review-panel", (offered, party_rows, None if members is None else tuple(members)), render)


def decision_fields(*, naming_level: str, leaves: Sequence[Criterion], form: DecisionForm | None = None,
                    typed: dict[int, str] | None = None) -> SafeString:
    """The decision form with a comment field per leaf item; ``form`` and ``typed`` (the item comments) when a
    decision was refused, written with what was typed and the error."""
    def render(form: DecisionForm, typed: dict[int, str]) -> str:
        return render_to_string("reviews/_decision_fields.html", {
            "decision_form": form,
            "decision_items": [(criterion, typed.get(criterion.pk, "")) for criterion in leaves],
            "decision_comments_typed": any(value.strip() for value in typed.values())})

    if form is not None:
        return SafeString(render(form, typed or {}))
    items = tuple((criterion.pk, criterion.code, criterion.title) for criterion in leaves)
    return kept_markup("review-decision", (naming_level, items),
                       lambda: render(DecisionForm(naming_level=naming_level), {}))


def inspection_fields(form: InspectionForm | None = None) -> SafeString:
    """The inspection form's fields; ``form`` when a record was refused, with what was typed and the errors."""
    if form is not None:
        return form_fields(form)
    return kept_markup("review-inspection", (), lambda: form_fields(InspectionForm()))
