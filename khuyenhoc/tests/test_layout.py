"""The apps' imports run one way: programmes ← reports ← tasks, and the project package under them all.

- ``programmes`` (areas, organisations, people and who may do what, plans) imports nothing from
  ``reports`` or ``tasks``; ``reports`` (periods, reports, dashboards) nothing from ``tasks``
  (reminders, notifications, each person's to-do list).
- ``khuyenhoc`` (settings, URLs, the Celery app, the navigation and project-wide helpers) imports
  no app at import time: settings and the Celery app load it before the apps are ready. Its
  URLconf, which is read once the apps are, is the one module that names the apps' views.

Test modules are left out: a test may use any app. Imports inside functions count for the arrows
between apps (they run all the same), not for the project package's import time.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("programmes", "reports", "tasks")
ABOVE = {"programmes": ("reports", "tasks", "demo"), "reports": ("tasks", "demo"), "tasks": ("demo",)}


def _is_test_module(path: Path) -> bool:
    return "tests" in path.parts or path.name.startswith("test_") or path.name == "conftest.py"


def _modules(package: str) -> list[Path]:
    return [path for path in sorted((ROOT / package).rglob("*.py")) if not _is_test_module(path)]


def _imports(path: Path, *, top_level_only: bool) -> list[tuple[int, str]]:
    """(line, module) of each absolute import in the file; with ``top_level_only``, those that run
    when the module is imported (not inside a function)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found = []
    for node in nodes:
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


def _names(module: str, packages) -> bool:
    return any(module == package or module.startswith(f"{package}.") for package in packages)


def test_no_app_imports_an_app_above_it():
    upward = [
        f"{path.relative_to(ROOT)}:{line} {module}"
        for app, above in ABOVE.items()
        for path in _modules(app)
        for line, module in _imports(path, top_level_only=False)
        if _names(module, above)
    ]
    assert upward == []


def test_the_project_package_loads_no_app_when_imported():
    loaded = [
        f"{path.relative_to(ROOT)}:{line} {module}"
        for path in _modules("khuyenhoc")
        if path.name != "urls.py"
        for line, module in _imports(path, top_level_only=True)
        if _names(module, APPS)
    ]
    assert loaded == []


def test_the_checks_read_the_imports_they_judge():
    """Guards the checks: reports' views do import programmes, and the navigation loads apps
    inside its functions, which the import-time check must not count."""
    reports_imports = [module for path in _modules("reports") for _line, module in _imports(path, top_level_only=False)]
    assert any(_names(module, ("programmes",)) for module in reports_imports)
    navigation = ROOT / "khuyenhoc" / "navigation.py"
    assert any(_names(m, APPS) for _l, m in _imports(navigation, top_level_only=False))
    assert not any(_names(m, APPS) for _l, m in _imports(navigation, top_level_only=True))
