"""gunicorn loads the application in its master and warms it there, so a recycled worker is a cheap fork."""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

from django.template import engines

from apps.core.warm import warm

ROOT = Path(__file__).resolve().parents[2]


def test_warming_compiles_the_templates_without_touching_the_database():
    # No django_db mark: a query here (which a forked worker would share with the master) fails the test.
    assert warm() > 100
    loader = engines["django"].engine.template_loaders[0]
    cached = {key.split("-")[0] for key in loader.get_template_cache}
    assert {"base.html", "registration/login.html"} <= cached


def test_gunicorn_preloads_and_warms_the_application():
    spec = importlib.util.spec_from_file_location("gunicorn_conf", ROOT / "gunicorn.conf.py")
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    assert conf.preload_app is True and callable(conf.on_starting)


# A child process that leaves as gunicorn's worker does (a SystemExit raised, gunicorn.conf.py's worker_exit
# called in the ``finally``): its atexit handlers and a buffered log line tell what ran, an object's __del__
# tells whether the interpreter was finalised.
CHILD = """
import atexit, importlib.util, logging, logging.handlers, os, sys
import django
django.setup()
spec = importlib.util.spec_from_file_location("gunicorn_conf", "gunicorn.conf.py")
conf = importlib.util.module_from_spec(spec)
spec.loader.exec_module(conf)

out = open(sys.argv[1], "a", buffering=1)
atexit.register(out.write, "atexit ran\\n")
buffered = logging.handlers.MemoryHandler(capacity=1000, target=logging.StreamHandler(out))
logging.getLogger("child").addHandler(buffered)
logging.getLogger("child").warning("a line only flushed at exit")


class Finalised:
    # Late in finalisation the file above is closed and the module's names are gone: a raw descriptor it is.
    def __del__(self, write=os.write, fd=os.open(sys.argv[1], os.O_WRONLY | os.O_APPEND)):
        write(fd, b"finalised\\n")


kept = Finalised()
try:
    sys.exit(int(sys.argv[2]))
finally:
    conf.worker_exit(None, None)
"""


def _leave_in_a_child(tmp_path, code: int) -> tuple[int, list[str]]:
    record = tmp_path / f"child-{code}.txt"
    child = subprocess.run([sys.executable, "-c", CHILD, str(record), str(code)], cwd=ROOT, timeout=60,
                           env={**os.environ, "DJANGO_SETTINGS_MODULE": "hlr_portal.settings.test"})
    return child.returncode, record.read_text().splitlines()


def test_a_worker_leaving_normally_skips_finalisation_but_runs_its_exit_handlers(tmp_path):
    code, lines = _leave_in_a_child(tmp_path, 0)
    assert code == 0
    assert "atexit ran" in lines and "a line only flushed at exit" in lines
    assert "finalised" not in lines


def test_a_worker_leaving_with_an_error_keeps_its_code_and_the_usual_exit(tmp_path):
    code, lines = _leave_in_a_child(tmp_path, 3)  # gunicorn's WORKER_BOOT_ERROR: the master stops on it
    assert code == 3
    assert {"atexit ran", "a line only flushed at exit", "finalised"} <= set(lines)

