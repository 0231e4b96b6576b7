"""``{% per_language %}…{% endper_language %}``: HTML rendered once per process and language.

base.html frames every page with markup that only the language and the deployment decide: translated labels,
the links of ``{% url %}`` without arguments, ``{% static %}`` files, the language buttons. Rendering it on each
request (reversing a dozen URLs, translating twenty labels, hashing static names) was about a fifth of what a
short signed-in page cost. Inside this tag it is rendered once per language, script prefix and URL conf for as
long as the compiled template lives (the cached template loader keeps it until the process ends, or, in
development, until a template file changes); a changed setting in a test drops it.

What goes inside must not depend on the request, the user or the data: no ``{{ user }}``, no ``{% csrf_token %}``
(refused here), no ``{% block %}`` (refused here: a page could not override it), no variable but the
language's. Anything else stays outside, between two of these tags.
"""

import weakref

from django import template
from django.core.signals import setting_changed
from django.template.defaulttags import CsrfTokenNode
from django.template.loader_tags import BlockNode
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

_NODES: "weakref.WeakSet[PerLanguageNode]" = weakref.WeakSet()


class PerLanguageNode(template.Node):
    # Nothing inside is a block, so Django's search of a parent template for its blocks (every request of a page
    # that extends base.html) need not walk into it.
    child_nodelists = ()

    def __init__(self, nodelist: template.NodeList):
        self.nodelist = nodelist
        self.kept: dict[tuple[str, str, object], SafeString] = {}
        _NODES.add(self)

    def render(self, context) -> SafeString:
        key = (get_language() or "", get_script_prefix(), get_urlconf())
        html = self.kept.get(key)
        if html is None:
            html = self.kept[key] = mark_safe(self.nodelist.render(context))
        return html


@register.tag
def per_language(parser, token) -> PerLanguageNode:
    nodelist = parser.parse(("endper_language",))
    parser.delete_first_token()
    for refused in (BlockNode, CsrfTokenNode):
        if nodelist.get_nodes_by_type(refused):
            raise template.TemplateSyntaxError(
                f"{{% per_language %}} cannot hold a {refused.__name__}: its content would be the same for "
                "every request of the language.")
    return PerLanguageNode(nodelist)


def _forget(**kwargs) -> None:
    for node in list(_NODES):
        node.kept.clear()


setting_changed.connect(_forget, dispatch_uid="apps.core.templatetags.kept_html")
