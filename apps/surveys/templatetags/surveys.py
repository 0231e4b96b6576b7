from django import template

register = template.Library()


@register.filter
def get_count(counts: dict[int, int], option_id: int) -> int:
    return counts.get(option_id, 0)
