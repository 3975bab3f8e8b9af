"""The README's commands work as written on a development checkout.

A newcomer copies them: every `make` target it names exists, every management
command it shows exists and accepts the arguments shown, and `make manage`
runs a command without any variable set by hand.
"""

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class

BASE_DIR = Path(__file__).resolve().parents[2]
README = (BASE_DIR / "README.md").read_text(encoding="utf-8")
MAKEFILE = (BASE_DIR / "Makefile").read_text(encoding="utf-8")


def shell_lines() -> list[str]:
    """The command lines of the README's ```sh blocks, without comments."""
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", README, flags=re.S):
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            if line and not line.startswith("#"):
                lines.append(line)
    return lines


def make_targets() -> set[str]:
    return set(re.findall(r"^([a-z][\w-]*):", MAKEFILE, flags=re.M))


def manage_arguments() -> list[list[str]]:
    """The arguments of every management command the README shows, in any of its two forms."""
    commands = []
    for line in shell_lines():
        if line.startswith("make manage"):
            commands.append(shlex.split(re.search(r'ARGS="([^"]*)"', line).group(1)))
        elif " manage.py " in line:
            commands.append(shlex.split(line.split(" manage.py ", 1)[1]))
    inline = re.findall(r'`make manage ARGS="([^"]*)"`', README)
    return commands + [shlex.split(args) for args in inline]


def test_the_readme_never_shows_a_bare_python_manage_command():
    # `python manage.py …` fails on a fresh checkout: no virtualenv on the path and no DEBUG.
    bare = [line for line in shell_lines() if line.startswith(("python manage.py", "celery "))]
    assert bare == []
    assert "`python manage.py" not in README


def test_every_make_target_the_readme_names_exists():
    named = {line.split()[1] for line in shell_lines() if line.startswith("make ")}
    named |= set(re.findall(r"`make ([a-z][\w-]*)", README))
    assert named
    assert named - make_targets() == set()


@pytest.mark.parametrize("arguments", manage_arguments(), ids=" ".join)
def test_every_management_command_the_readme_shows_accepts_its_arguments(arguments):
    name, *rest = arguments
    assert name in get_commands(), f"no command {name}"
    command = load_command_class(get_commands()[name], name)
    command.create_parser("manage.py", name).parse_args(rest)


def test_make_run_points_the_links_and_hosts_at_the_given_host():
    printed = subprocess.run(
        ["make", "-n", "run", "HOST=10.0.0.5:8080"], cwd=BASE_DIR, capture_output=True, text=True, check=True
    ).stdout
    runserver = next(line for line in printed.splitlines() if "runserver" in line)
    assert "SITE_URL=http://10.0.0.5:8080 " in runserver
    assert re.search(r"ALLOWED_HOSTS=\S*10\.0\.0\.5", runserver)
    assert runserver.rstrip().endswith("runserver 10.0.0.5:8080")


@pytest.mark.skipif(not (BASE_DIR / ".venv" / "bin" / "python").exists(), reason="needs the make-built virtualenv")
def test_make_manage_runs_a_command_with_nothing_set_by_hand():
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "SITE_URL"}
    }
    result = subprocess.run(
        ["make", "--no-print-directory", "manage", "ARGS=diffsettings --output unified"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "+ SITE_URL = 'http://127.0.0.1:8000'" in result.stdout
