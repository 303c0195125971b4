from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def test_every_interface_string_has_a_chinese_translation():
    po = polib.pofile(str(PO))
    missing = [e.msgid for e in po if not e.translated() and not e.obsolete]
    assert missing == []


def test_the_compiled_translations_match_the_sources():
    po = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(PO)) if e.translated()}
    mo = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(MO)) if e.msgid}
    assert mo == po, "run `make messages` to recompile locale/zh_Hans/LC_MESSAGES/django.mo"


def test_every_marked_string_in_the_code_is_translated(tmp_path):
    """Extract strings afresh from a copy of the code: none may lack a Chinese translation."""
    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext (xgettext) is not installed")
    for name in ("advisor", "templates", "locale"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "manage.py", tmp_path)
    env = {"DJANGO_DEBUG": "true", "PATH": os.environ["PATH"]}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--no-obsolete"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        env=env,
    )
    fresh = polib.pofile(str(tmp_path / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    assert [e.msgid for e in fresh if not e.translated()] == [], "run `make messages` and translate the new strings"


PACKAGES_PO = ROOT / "locale_packages" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def _marked_strings(package: Path) -> set[str]:
    """The literal strings a package passes to gettext (`_`, gettext, gettext_lazy)."""
    found = set()
    for source in package.rglob("*.py"):
        if {"migrations", "tests"} & set(source.parts):
            continue
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in {"_", "gettext", "gettext_lazy"}
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.add(node.args[0].value)
    return found


def test_every_string_django_axes_shows_an_admin_is_in_chinese():
    """axes ships no Chinese; locale_packages/ holds ours. A new axes version that adds a
    string fails here until the string is translated there."""
    import axes

    marked = _marked_strings(Path(axes.__file__).parent)
    assert len(marked) > 20  # the parse found axes' strings, not nothing
    with translation.override("zh-hans"):
        untranslated = sorted(s for s in marked if translation.gettext(s) == s)
    assert untranslated == [], "add them to locale_packages/zh_Hans/LC_MESSAGES/django.po, then `make messages`"


def test_the_packages_translations_are_compiled():
    po = {e.msgid: e.msgstr for e in polib.pofile(str(PACKAGES_PO)) if e.translated()}
    mo = {e.msgid: e.msgstr for e in polib.mofile(str(PACKAGES_PO.with_suffix(".mo"))) if e.msgid}
    assert mo == po, "run `make messages` to recompile locale_packages"


@pytest.mark.parametrize("po", [PO, PACKAGES_PO], ids=["ours", "packages"])
def test_gnu_msgfmt_accepts_the_translations(po):
    """`make messages` compiles with msgfmt --check: a Chinese form that drops a
    placeholder the English has (say %(n)s) stops it."""
    if shutil.which("msgfmt") is None:
        pytest.skip("GNU gettext (msgfmt) is not installed")
    done = subprocess.run(["msgfmt", "--check-format", "-o", os.devnull, str(po)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
