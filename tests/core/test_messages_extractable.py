"""Every visible message can reach the English catalogue: ``makemessages`` (xgettext) does not look inside
f-strings, so a ``gettext("…")`` written in one is dropped from locale/en the next time the catalogue is rebuilt,
and English readers see it in Chinese (it happened to the 帮办代办 list's "代办" badge)."""

import ast
from pathlib import Path

TRANSLATING = {"gettext", "gettext_lazy", "_", "pgettext", "pgettext_lazy", "ngettext", "ngettext_lazy",
               "npgettext", "npgettext_lazy"}
APPS = Path(__file__).resolve().parents[2] / "apps"


def _translations_inside_f_strings(source: str) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.JoinedStr):
            lines += [call.lineno for call in ast.walk(node) if isinstance(call, ast.Call)
                      and isinstance(call.func, ast.Name) and call.func.id in TRANSLATING]
    return lines


def test_no_message_is_translated_inside_an_f_string():
    found = [f"{path.relative_to(APPS.parent)}:{line}" for path in sorted(APPS.rglob("*.py"))
             for line in _translations_inside_f_strings(path.read_text(encoding="utf-8"))]
    assert not found, "gettext inside an f-string (makemessages cannot extract it):\n" + "\n".join(found)


def test_the_check_finds_a_translation_inside_an_f_string():
    assert _translations_inside_f_strings('x = f"<b>{gettext(\'代办\')}</b>"\n') == [1]
    assert _translations_inside_f_strings('word = gettext("代办")\nx = f"<b>{word}</b>"\n') == []
