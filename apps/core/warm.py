"""What a web process otherwise loads on its first requests, loaded once before gunicorn forks its workers.

gunicorn.conf.py loads the application in the master (``preload_app``) and calls ``warm()`` there: each worker
is then a fork that already holds Django, every app, the URLconf, the translation catalogues and the compiled
templates. A worker is recycled every ``max_requests`` requests; without this each new one imported everything
again (~1.2 s CPU) and paid its first requests' loading (~0.4–0.8 s), which at a few hundred requests a second
was a share of every request (docs/benchmarks.md "What every request pays").

Nothing here opens a database or Redis connection: a forked worker must not share the master's sockets.
"""

from pathlib import Path

from django.conf import settings
from django.db import connections
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.template.utils import get_app_template_dirs
from django.urls import get_resolver
from django.utils import translation


def warm() -> int:
    """Load the URLconf, every language's catalogue and every template; returns how many templates compiled."""
    resolver = get_resolver()
    resolver.reverse_dict  # noqa: B018 — builds the reverse look-up of every URL name once, in the master
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("")
    compiled = 0
    for engine in engines.all():
        for directory in _template_dirs(engine):
            for path in directory.rglob("*.html"):
                try:
                    engine.get_template(str(path.relative_to(directory)))
                except (TemplateDoesNotExist, TemplateSyntaxError):
                    continue
                compiled += 1
    connections.close_all()  # in case anything above touched the database: the workers open their own
    return compiled


def _template_dirs(engine) -> list[Path]:
    dirs = [Path(directory) for directory in engine.engine.dirs]
    if engine.engine.app_dirs:
        dirs += [Path(directory) for directory in get_app_template_dirs("templates")]
    return [directory for directory in dirs if directory.is_dir()]
