"""The portal's layers, each importing only from the layers below it (README, "Architecture").

The apps are named here, from the bottom up; apps in one layer do not import each other. Every import
statement of every module (function-level ones included, migrations and tests left out) is checked.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

LAYERS: list[set[str]] = [
    {"core"},  # infrastructure without domain words
    {"zones"},  # police zones, municipalities, memberships and roles
    {"plans"},  # the domain, from the plan up
    {"priorities"},
    {"actionplans", "stats"},
    {"comments"},
    {"editor", "documents", "dashboards", "imports"},  # the surfaces
    {"public"},  # the citizens' portal also lists the generated documents
    {"zvp_portal", "benchmarks"},  # settings, root urls, the Celery app; the benchmarks
]
LAYER_OF = {app: index for index, apps in enumerate(LAYERS) for app in apps}


def modules():
    for app in sorted(LAYER_OF):
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts and "tests" not in path.parts:
                yield app, path


def imported_apps(path: Path):
    """(line, imported top-level package) for every first-party import in the module."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module.split(".")[0]


def violations(app: str, path: Path, root: Path = ROOT) -> list[str]:
    found = []
    for line, imported in imported_apps(path):
        if imported in LAYER_OF and imported != app and LAYER_OF[imported] >= LAYER_OF[app]:
            where = "the same layer" if LAYER_OF[imported] == LAYER_OF[app] else "a layer above"
            found.append(f"{path.relative_to(root)}:{line} imports {imported} ({where})")
    return found


def test_every_app_is_in_a_layer():
    apps = {p.parent.name for p in ROOT.glob("*/apps.py")}
    assert apps <= set(LAYER_OF), f"name these apps' layer in LAYERS: {sorted(apps - set(LAYER_OF))}"


def test_modules_import_only_from_layers_below():
    found = [message for app, path in modules() for message in violations(app, path)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    ("app", "source", "expected"),
    [
        ("core", "from plans.models import Plan\n", ["core/probe.py:1 imports plans (a layer above)"]),
        ("core", "def f():\n    import dashboards.services\n", ["core/probe.py:2 imports dashboards (a layer above)"]),
        (
            "documents",
            "from dashboards import services\n",
            ["documents/probe.py:1 imports dashboards (the same layer)"],
        ),
        ("stats", "from django.db import models\nfrom core.access import VIEW\nfrom .models import X\n", []),
    ],
)
def test_the_check_finds_an_upward_import(tmp_path, app, source, expected):
    (tmp_path / app).mkdir()
    probe = tmp_path / app / "probe.py"
    probe.write_text(source)
    assert violations(app, probe, root=tmp_path) == expected
