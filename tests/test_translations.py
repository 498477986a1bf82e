"""The Dutch and French translations are complete, compile, and cover the models' strings.

The catalogues are compiled from the .po files into a temporary directory, so
these tests check the sources in locale/ and never depend on stale .mo files
(those are git-ignored and built by `make messages`).
"""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.apps import apps
from django.test import override_settings
from django.utils import translation
from django.utils.translation import gettext

from core.base import Protection
from priorities.models import Priority
from stats.models import StaffLine
from zones.models import Municipality, PoliceZone, SubMunicipality

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"
TRANSLATED = ("nl", "fr")
APPS = (
    "core", "zones", "plans", "priorities", "actionplans", "stats", "comments", "editor", "documents", "dashboards",
    "imports", "public",
)  # fmt: skip

# English strings whose Dutch translation is, correctly, the same word.
# Keep this short: anything else that comes out in English under "nl" means
# a missing translation or a .po file that makemessages has not refreshed.
SAME_IN_DUTCH = {
    "plan",  # "plan", as in zonaal veiligheidsplan
    "indicator",  # the Dutch term in the plans themselves
    "code",  # NIS-code, code of a priority ("I 1")
    "status",  # Dutch uses the same word
    "partners",  # Dutch uses the same word
    "logo",  # same word
    "website",  # common Dutch, also in government texts
    "budget (EUR)",  # "budget" is Dutch; a financial plan line's "begroting" is a different msgid
    "addendum",  # HerKo's "addendum" to its ZVP 2014-2017
    "Stadsmonitor",  # a proper name (the Flemish city monitor survey)
    "document",  # same word
    "documents",  # the app's name, "Documents" in Dutch too
    "imports",  # the app's name: Dutch uses the English plural
    "import",  # same word
    "task id",  # a technical identifier, shown in the admin only
}


def _po(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "django.po"


def _gettext_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} (GNU gettext) is not installed")
    return path


@pytest.fixture(scope="module")
def compiled_locale(tmp_path_factory):
    """Compiles every locale/<lang>/LC_MESSAGES/django.po into a temporary LOCALE_PATHS."""
    msgfmt = _gettext_tool("msgfmt")
    target = tmp_path_factory.mktemp("locale")
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/django.po")):
        mo = target / po.relative_to(LOCALE).with_suffix(".mo")
        mo.parent.mkdir(parents=True)
        subprocess.run([msgfmt, "--check", "-o", str(mo), str(po)], check=True, capture_output=True)
    # Changing LOCALE_PATHS makes Django drop its cached catalogues.
    with override_settings(LOCALE_PATHS=[target]):
        yield target


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("option", ["--untranslated", "--only-fuzzy"])
def test_po_file_has_no_untranslated_or_fuzzy_message(lang, option):
    msgattrib = _gettext_tool("msgattrib")
    result = subprocess.run([msgattrib, option, str(_po(lang))], check=True, capture_output=True, text=True)
    assert result.stdout == "", f"{_po(lang)} has messages matching {option}:\n{result.stdout}"


@pytest.mark.parametrize("lang", [*TRANSLATED, "en"])
def test_po_file_passes_msgfmt_checks(lang):
    """Placeholders such as %(start)s match the msgid, and the header is valid."""
    msgfmt = _gettext_tool("msgfmt")
    result = subprocess.run(
        [msgfmt, "--check", "-o", "/dev/null", str(_po(lang))], check=False, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "nl",
            {
                "zone": "politiezone",
                "priorities": "prioriteiten",
                "restricted": "Beperkte verspreiding",
                "fte": "VTE",
                "nis": "NIS-code",
                "sub": "deelgemeente",
            },
        ),
        (
            "fr",
            {
                "zone": "zone de police",
                "priorities": "priorités",
                "restricted": "Diffusion restreinte",
                "fte": "ETP",
                "nis": "code INS",
                "sub": "section de commune",
            },
        ),
        (
            "en",
            {
                "zone": "police zone",
                "priorities": "priorities",
                "restricted": "Restricted distribution",
                "fte": "FTE",
                "nis": "NIS code",
                "sub": "sub-municipality",
            },
        ),
    ],
)
def test_model_strings_are_translated(compiled_locale, lang, expected):
    with translation.override(lang):
        actual = {
            "zone": str(PoliceZone._meta.verbose_name),
            "priorities": str(Priority._meta.verbose_name_plural),
            "restricted": str(Protection.RESTRICTED.label),
            "fte": str(StaffLine._meta.get_field("fte").verbose_name),
            "nis": str(Municipality._meta.get_field("nis_code").verbose_name),
            "sub": str(SubMunicipality._meta.verbose_name),
        }
    assert actual == expected


def test_placeholders_survive_translation(compiled_locale):
    message = "The year must lie within the plan's period %(start)s-%(end)s."
    with translation.override("nl"):
        assert gettext(message) % {"start": 2020, "end": 2025} == (
            "Het jaar moet binnen de periode 2020-2025 van het plan liggen."
        )
    with translation.override("fr"):
        assert gettext(message) % {"start": 2020, "end": 2025} == (
            "L'année doit se situer dans la période du plan, 2020-2025."
        )


def _model_strings():
    """Every model name, field verbose name and choice label of the four apps (not the history models)."""
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            if hasattr(model, "instance_type"):  # django-simple-history's Historical* copies
                continue
            name = model.__name__
            yield f"{name} (verbose_name)", model._meta.verbose_name
            yield f"{name} (verbose_name_plural)", model._meta.verbose_name_plural
            for field in model._meta.get_fields():
                if field.auto_created or not (field.concrete or field.many_to_many):
                    continue
                yield f"{name}.{field.name}", field.verbose_name
                for value, choice_label in field.flatchoices or ():
                    yield f"{name}.{field.name}={value}", choice_label


def test_every_model_string_has_a_dutch_translation(compiled_locale):
    """Catches strings added to the code after the last makemessages run."""
    untranslated = []
    for where, text in _model_strings():
        with translation.override("en"):
            english = str(text)
        with translation.override("nl"):
            dutch = str(text)
        if dutch == english and english not in SAME_IN_DUTCH:
            untranslated.append(f"{where}: {english!r}")
    assert not untranslated, "Not translated into Dutch (run makemessages and translate):\n" + "\n".join(untranslated)


SOURCES_IGNORED = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "media", "staticfiles", "test-artifacts", "bench-results", "__pycache__",
    "*.sqlite3*", "*.mo", ".ruff_cache", ".pytest_cache",
)  # fmt: skip


def test_catalogues_are_in_sync_with_the_code(tmp_path):
    """makemessages over a copy of the sources adds no untranslated or fuzzy message: every interface string of
    the code and the templates is in the catalogues, translated (so a string added without translating it fails
    here, even before anyone runs makemessages)."""
    import sys

    msgattrib = _gettext_tool("msgattrib")
    _gettext_tool("xgettext")
    copy = tmp_path / "src"
    shutil.copytree(ROOT, copy, ignore=SOURCES_IGNORED)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", *[f"--locale={lang}" for lang in TRANSLATED],
         "--ignore=tests", "--ignore=conftest.py", "--no-obsolete", "-v0"],
        cwd=copy, check=True, capture_output=True, env={**__import__("os").environ, "DATABASE_URL": ""},
    )  # fmt: skip
    for lang in TRANSLATED:
        po = copy / "locale" / lang / "LC_MESSAGES" / "django.po"
        for option in ("--untranslated", "--only-fuzzy"):
            result = subprocess.run([msgattrib, option, str(po)], check=True, capture_output=True, text=True)
            assert result.stdout == "", f"{lang}: strings in the code missing from locale/ ({option}):\n{result.stdout}"
