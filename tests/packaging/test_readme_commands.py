"""The README's quick start is what CI runs: the two commands make a virtual environment (PEP 668
forbids pip in the system's Python), and .ci/run runs the test command word for word."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, flags=re.DOTALL)]


def test_quick_start_is_two_one_line_commands_in_a_venv() -> None:
    commands = _quick_start_commands()
    assert len(commands) == 2
    for command in commands:
        assert "\n" not in command
        assert command.startswith("python3 -m venv .venv && ")
        assert "python3 -m pip" not in command and " pip install" not in command


def test_ci_runs_the_readme_test_command_and_the_checks_in_a_fresh_venv() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = _quick_start_commands()[1]
    assert "pytest" in test_command and '".[dev]"' in test_command
    assert test_command in script
    lines = script.splitlines()
    assert "set -euo pipefail" in lines
    assert lines.index("rm -rf .venv") < next(i for i, s in enumerate(lines) if test_command in s)
    for check in ("lint-imports", "ruff check .", "mypy --strict viewer/engine viewer/services"):
        assert f".venv/bin/{check}" in lines
