"""What a browser would post back from a rendered form, for tests that edit without touching a field."""

import re
from html.parser import HTMLParser

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class _FormValues(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self._select: str | None = None
        self._selected = False  # whether the open select has an option marked selected
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            value = attrs.get("value") or ""
            if attrs.get("type") == "checkbox":
                if "checked" in attrs:
                    self.values[name] = value or "on"
                return
            # A browser drops a date input's value that is not ISO: the field shows empty and posts "".
            if attrs.get("type") == "date" and not ISO_DATE.match(value):
                value = ""
            self.values[name] = value
        elif tag == "select" and name:
            self._select, self._selected = name, False
            self.values.pop(name, None)
        elif tag == "option" and self._select:
            # A browser submits the selected option, or the first one when none is marked.
            if "selected" in attrs:
                self.values[self._select], self._selected = attrs.get("value") or "", True
            elif not self._selected:
                self.values.setdefault(self._select, attrs.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            if self._select:
                self.values.setdefault(self._select, "")
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data.removeprefix("\n") if not self.values[self._textarea] else data


def form_values(html: str) -> dict[str, str]:
    """Every named field's value as the browser would submit it (without the CSRF token)."""
    parser = _FormValues()
    parser.feed(html)
    parser.values.pop("csrfmiddlewaretoken", None)
    return parser.values
