"""What a workbench shows: sections of items, each item a line with an optional link and note."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass
class HomeItem:
    label: str
    url: str = ""
    note: str = ""


@dataclass
class HomeSection:
    title: str
    items: list[HomeItem] = field(default_factory=list)
    empty_text: str = _("暂无待办事项。")
