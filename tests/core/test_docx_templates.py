"""The committed Word templates are what scripts/build_docx_templates.py builds: a layout change without a
rebuild (or a hand-edited template) fails here."""

import importlib.util
import shutil
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def builder():
    spec = importlib.util.spec_from_file_location("build_docx_templates", ROOT / "scripts" / "build_docx_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_templates_are_up_to_date(builder):
    assert set(builder.TEMPLATES) == {path.stem for path in (ROOT / "templates" / "docx").glob("*.docx")}
    assert builder.main(["--check"]) == 0


def test_check_fails_on_a_stale_template_and_a_rebuild_gives_the_same_bytes(builder, tmp_path, capsys):
    committed = ROOT / "templates" / "docx"
    for path in committed.glob("*.docx"):
        shutil.copy(path, tmp_path / path.name)
    # The same content under other zip timestamps is not stale; a changed part is.
    with zipfile.ZipFile(committed / "annual_report.docx") as source, \
            zipfile.ZipFile(tmp_path / "annual_report.docx", "w", zipfile.ZIP_STORED) as target:
        for item in source.infolist():
            target.writestr(zipfile.ZipInfo(item.filename, date_time=(2030, 5, 5, 5, 5, 6)), source.read(item))
    assert builder.main(["--check", str(tmp_path)]) == 0
    with zipfile.ZipFile(committed / "public_notice.docx") as source, \
            zipfile.ZipFile(tmp_path / "public_notice.docx", "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "word/document.xml":
                content = content.replace(b"{{ title }}", b"{{ heading }}")
            target.writestr(item, content)
    assert builder.main(["--check", str(tmp_path)]) == 1
    assert "public_notice.docx" in capsys.readouterr().err
    assert builder.built("public_notice") == (committed / "public_notice.docx").read_bytes()
