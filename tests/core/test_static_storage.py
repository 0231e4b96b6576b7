"""Static URLs in production (apps/core/static_storage.py): the manifest's hashed name, worked out once per name."""

import json

from apps.core.static_storage import StaticFilesStorage


def _storage(tmp_path, paths: dict[str, str]) -> StaticFilesStorage:
    (tmp_path / "staticfiles.json").write_text(json.dumps({"paths": paths, "version": "1.1", "hash": "0"}))
    return StaticFilesStorage(location=tmp_path, base_url="/static/")


def test_a_static_url_names_the_hashed_file(tmp_path):
    storage = _storage(tmp_path, {"css/portal.css": "css/portal.abc123.css"})
    assert storage.url("css/portal.css") == "/static/css/portal.abc123.css"


def test_a_static_url_is_worked_out_once_per_name(tmp_path):
    storage = _storage(tmp_path, {"css/portal.css": "css/portal.abc123.css"})
    storage.url("css/portal.css")
    storage.hashed_files["css/portal.css"] = "css/portal.changed.css"  # what a second look-up would find
    assert storage.url("css/portal.css") == "/static/css/portal.abc123.css"
