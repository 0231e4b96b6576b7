"""The review page's score table rows, written in Python ({% comparison_rows %}), give the markup the template's
loops gave: leaf and group rows, differing cells, members' columns and comments, escaping, both languages."""

from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import translation

from apps.applications.reviews.results import Cell, Row

# The loops reviews/_comparison.html had before the tag, verbatim.
TEMPLATE_LOOPS = """{% load i18n %}  {% for row in data.rows %}
    <tr{% if not row.criterion.is_leaf %} class="table-secondary"{% endif %}>
      <th scope="row" class="fw-normal item-col" style="padding-left: {{ row.criterion.depth|add:1 }}em">{{ row.criterion.code }} {{ row.criterion.title }}</th>
      {% for cell in row.cells %}<td class="text-end{% if cell.differs %} table-warning fw-bold{% endif %}{% if cell.is_member %} member-col{% endif %}">{{ cell.text }}{% if cell.differs %}<span class="visually-hidden">{% translate "（与自评不同）" %}</span>{% endif %}{% if cell.comment %}<div class="score-comment text-start fw-normal"><span class="visually-hidden">{% translate "评分意见" %}：</span>{{ cell.comment }}</div>{% endif %}</td>{% empty %}{% if not row.criterion.is_leaf %}<td colspan="{{ data.columns|length }}" class="group-fill"></td>{% endif %}{% endfor %}
    </tr>
  {% endfor %}
"""  # noqa: E501


def _criterion(code, title, depth, is_leaf):
    return SimpleNamespace(code=code, title=title, depth=depth, is_leaf=is_leaf)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_rows_are_the_templates_markup(language):
    data = SimpleNamespace(columns=["自评", "乡镇", "张三<b>", "评估组", "市级"], rows=[
        Row(_criterion("1", "劳动合同", 0, False), []),
        Row(_criterion("1.1", "签订率 <100%> & \"书面\"", 1, True), [
            Cell("8"), Cell("7", differs=True), Cell("yes", is_member=True, comment="见<附件>"),
            Cell("no", differs=True, is_member=True, comment="x & y"), Cell("")]),
        Row(_criterion("1.2", "空行", 1, True), []),
    ])
    with translation.override(language):
        expected = Template(TEMPLATE_LOOPS).render(Context({"data": data}))
        rendered = Template("{% load scores %}  {% comparison_rows data %}\n").render(Context({"data": data}))
    assert rendered == expected
    assert "&lt;100%&gt;" in rendered and "table-warning" in rendered and "group-fill" in rendered
