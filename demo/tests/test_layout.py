"""The demo is an add-on: no product module imports it, so the product runs without it.

Product code is every module of ``programmes``, ``reports``, ``tasks`` and ``khuyenhoc``. Their
tests are not product code: a product test may load the demo or the national data set as a
fixture (``reports/tests/test_page_costs.py`` does), so test modules and ``conftest.py`` files are
left out of the check.
"""

import ast
from pathlib import Path

from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
PRODUCT_APPS = ["programmes", "reports", "tasks", "awards", "feed", "khuyenhoc"]


def _is_test_module(path: Path) -> bool:
    return "tests" in path.parts or path.name.startswith("test_") or path.name == "conftest.py"


def _demo_imports(path: Path) -> list[str]:
    """``file:line module`` for each import of ``demo`` or a module under it in the file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        else:
            continue
        for module in modules:
            if module == "demo" or module.startswith("demo."):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {module}")
    return found


def _modules(*, tests: bool) -> list[Path]:
    paths = [path for app in PRODUCT_APPS for path in sorted((ROOT / app).rglob("*.py"))]
    return [path for path in paths if _is_test_module(path) == tests]


def test_no_product_module_imports_the_demo():
    offending = [found for path in _modules(tests=False) for found in _demo_imports(path)]
    assert offending == []


def test_the_check_sees_the_product_tests_that_load_the_demo():
    """Guards the check itself: if it read no files, or missed imports inside functions, it would pass."""
    found = [found for path in _modules(tests=True) for found in _demo_imports(path)]
    assert any(line.startswith("reports/tests/test_page_costs.py:") for line in found), found
    assert any(line.startswith("tasks/tests/test_reminders.py:") for line in found), found  # inside a function


def test_seed_demo_is_the_demo_apps_command():
    assert get_commands()["seed_demo"] == "demo"
