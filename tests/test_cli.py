"""Every command of the CLI has help, and the README documents it."""

from __future__ import annotations

import pytest

from cancu.cli import make_parser

from .conftest import ROOT


def commands() -> list[str]:
    parser = make_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sorted(sub.choices)


def test_the_cli_has_the_expected_commands():
    names = commands()
    assert {"build", "validate", "query", "queries", "sparql", "push", "graph", "link"} <= set(
        names
    )


@pytest.mark.parametrize("name", commands())
def test_every_command_has_help_and_is_in_the_readme(name, capsys):
    with pytest.raises(SystemExit) as exit_info:
        make_parser().parse_args([name, "--help"])
    assert exit_info.value.code == 0
    help_text = capsys.readouterr().out
    assert f"usage: cancu {name}" in help_text and len(help_text.splitlines()) > 3
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"cancu {name}" in readme, f"README.md does not mention 'cancu {name}'"


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        make_parser().parse_args(["build", "--jobs", "many"])
    assert exit_info.value.code == 2
