"""gunicorn loads the application in its master and warms it there, so a recycled worker is a cheap fork."""

import importlib.util
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
