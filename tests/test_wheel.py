"""The wheel works outside the checkout: built, installed into a fresh virtual environment, and
run from an empty directory.

The wheel is built without build isolation and without an index (offline): setuptools ≥ 77
comes with the test extras. The new environment gets only the cancu wheel (``--no-deps``); its
dependencies come from the test environment's site-packages through one plain path line in a
``.pth`` file, written after the install. A plain line is not processed as a site directory, so the test environment's
editable cancu (itself a ``.pth`` file) stays invisible, and the test checks that cancu is
imported from the new environment. Installing the dependencies again would take minutes and
the network; what is under test is the package's own files.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import time
import urllib.parse
import urllib.request
import venv
from pathlib import Path

import pytest

from cancu import __version__
from cancu.serve.testing import running_server
from tests.conftest import ROOT, SEED

pytest.importorskip("setuptools", minversion="77", reason="needs setuptools>=77 (test extras)")

_NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis"
)


def _run(*cmd: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a command, failing the test with its output when it fails."""
    done = subprocess.run(list(map(str, cmd)), cwd=cwd, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, f"{cmd}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``bin`` folder of a fresh environment with the freshly built wheel installed."""
    tmp = tmp_path_factory.mktemp("wheel")
    tree = tmp / "checkout"
    shutil.copytree(ROOT, tree, symlinks=True, ignore=_NOT_SOURCE)
    pip = (sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input")
    _run(*pip, "wheel", "-q", "--no-deps", "--no-build-isolation", "--no-index",
         "-w", tmp / "dist", tree, cwd=tmp)  # fmt: skip
    (wheel,) = (tmp / "dist").glob("cancu-*.whl")
    env = tmp / "env"
    venv.EnvBuilder(with_pip=False).create(env)
    new_site = Path(sysconfig.get_path("purelib", vars={"base": str(env), "platbase": str(env)}))
    _run(*pip, "--python", env / "bin" / "python", "install", "-q", "--no-deps", "--no-index",
         wheel, cwd=tmp)  # fmt: skip
    (new_site / "test-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return env / "bin"


def test_the_installed_wheel_runs_every_command_from_an_empty_directory(
    installed: Path, tmp_path: Path
) -> None:
    started = time.monotonic()
    python, cancu = installed / "python", installed / "cancu"
    where = _run(python, "-c", "import cancu; print(cancu.__file__)", cwd=tmp_path).stdout
    assert where.startswith(str(installed.parent)), f"cancu imported from {where}"

    assert _run(cancu, "--version", cwd=tmp_path).stdout.strip() == f"cancu {__version__}"
    assert _run(python, "-m", "cancu", "--version", cwd=tmp_path).stdout.strip() == (
        f"cancu {__version__}"
    )
    assert "who-leads" in _run(cancu, "queries", cwd=tmp_path).stdout

    shutil.copy(SEED, tmp_path / "decision.txt")
    built = _run(cancu, "build", "decision.txt", "--jobs", "1", cwd=tmp_path).stdout
    assert f"made by cancu {__version__}, extractor " in built
    assert "2818" in _run(cancu, "query", "who-leads", "--limit", "3", cwd=tmp_path).stdout
    assert "0 violations" in _run(cancu, "validate", cwd=tmp_path).stdout
    _run(cancu, "graph", "--out", "graph.html", cwd=tmp_path)
    assert (tmp_path / "graph.html").stat().st_size > 10_000

    store = tmp_path / "build" / "store"
    with running_server(store, command=(str(cancu), "serve")) as server:
        query = urllib.parse.urlencode(
            {"query": "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"}
        )
        request = urllib.request.Request(
            f"{server.url}/sparql?{query}", headers={"Accept": "application/sparql-results+json"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            answer = json.load(response)
    assert int(answer["results"]["bindings"][0]["n"]["value"]) > 1000
    print(f"installed wheel: every command in {time.monotonic() - started:.1f} s")
