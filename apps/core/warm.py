"""What a web process otherwise loads on its first requests, loaded once before gunicorn forks its workers.

gunicorn.conf.py loads the application in the master (``preload_app``) and calls ``warm()`` there: each worker
is then a fork that already holds Django, every app, the URLconf, the translation catalogues and the compiled
templates. A worker is recycled every ``max_requests`` requests; without this each new one imported everything
again (~1.2 s CPU) and paid its first requests' loading (~0.4–0.8 s), which at a few hundred requests a second
was a share of every request (docs/benchmarks.md "What every request pays").

Nothing here opens a database or Redis connection: a forked worker must not share the master's sockets.

A worker that leaves normally (recycled, or the server stopping) ends with ``leave()``: Python's own
finalisation of a process that holds the whole application took about 0.7 s of CPU, and until the old worker
had ended the master did not start its replacement.
"""

import atexit
import os
import sys
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


def leave() -> None:
    """In gunicorn's ``worker_exit``: end a worker that is leaving normally without Python's finalisation.

    Finalising the interpreter tears down every module and object of the preloaded application, each in
    memory the worker shares with the master until it writes to it: ~0.7 s of CPU per recycled worker (five
    workers recycled together left a page at a tenth of its throughput for two seconds), now ~30 ms from the
    last answer of the old worker to the first of the new one (docs/benchmarks.md, "Worker recycling").
    What a normal exit does that matters is still done: the database connections are closed (PostgreSQL
    sees a goodbye, not a dropped socket), the handlers registered to run at exit run (logging's flush among
    them), the standard streams are flushed. A worker leaving with an error returns here untouched and
    keeps its exit code: gunicorn's master stops when a worker cannot boot.
    """
    leaving = sys.exc_info()[1]  # gunicorn calls the hook in a ``finally`` while its SystemExit is raised
    if not isinstance(leaving, SystemExit) or leaving.code not in (0, None):
        return
    connections.close_all()
    atexit._run_exitfuncs()  # the public way to run them is the finalisation this skips
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
