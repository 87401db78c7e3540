"""Where every file cancu reads from its own distribution is: the one module that knows.

The ontology, shapes, saved queries and data live at the top of the repository
(``ontology/``, ``shapes/``, ``queries/``, ``data/``) and ship inside the package as
``cancu/bundled/…``: in the checkout, ``src/cancu/bundled/`` holds relative symbolic links to
the four folders, and building the wheel copies the files behind them (see the README,
"Installing"). An editable install and an installed wheel therefore read the same paths,
through :mod:`importlib.resources`; no other module computes a path of its own.

>>> ontology_file().name, schemes_file().name
('cancu.ttl', 'schemes.ttl')
>>> [path.name for path in shape_files(("core",))]
['core.ttl']
>>> all(path.suffix == ".ttl" for path in gazetteer_files())
True
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path

from cancu.errors import InputError

GAZETTEER_FILES = ("agencies.ttl", "agencies-generated.ttl")
"""The gazetteer's first tier under ``data/``: the hand-curated file, then the generated one."""
COMMUNE_GAZETTEER = "agencies-communes.ttl"
"""The gazetteer's commune tier under ``data/`` (loaded only when a commune is named)."""
EXTRACTOR_PACKAGES = ("text", "read", "parse", "extract", "rdf")
"""The subpackages whose code decides what a source becomes (see :func:`extractor_files`)."""


def _bundled(folder: str) -> Path:
    """One of the four shipped folders, as a directory on disk.

    cancu is installed as files (pip, pipx, an editable checkout), never imported from a zip,
    so the package's resources are plain paths that rdflib and Oxigraph can open.
    """
    path = Path(str(files("cancu") / "bundled" / folder)).resolve()  # the checkout's own folder
    if not path.is_dir():
        raise InputError(
            f"the package's {folder}/ folder is missing: reinstall cancu "
            "(in a checkout on Windows, enable symbolic links: git config core.symlinks true)",
            source=str(path),
        )
    return path


def ontology_file() -> Path:
    """The OWL ontology, ``ontology/cancu.ttl``."""
    return _bundled("ontology") / "cancu.ttl"


def schemes_file() -> Path:
    """The SKOS concept schemes, ``ontology/schemes.ttl``."""
    return _bundled("ontology") / "schemes.ttl"


def shapes_dir() -> Path:
    """The SHACL shapes folder, ``shapes/``."""
    return _bundled("shapes")


def shape_files(names: Iterable[str]) -> list[Path]:
    """The shape files of the given names (``core`` → ``shapes/core.ttl``)."""
    return [shapes_dir() / f"{name}.ttl" for name in names]


def queries_dir() -> Path:
    """The saved queries, ``queries/*.rq`` (with ``queries/README.md``)."""
    return _bundled("queries")


def checks_dir() -> Path:
    """The consistency checks, ``queries/checks/*.rq``."""
    return queries_dir() / "checks"


def gazetteer_files() -> list[Path]:
    """The Turtle files of the gazetteer's first tier (:data:`GAZETTEER_FILES`), curated first."""
    return [_bundled("data") / name for name in GAZETTEER_FILES]


def commune_gazetteer_file() -> Path:
    """The gazetteer's commune tier (:data:`COMMUNE_GAZETTEER`)."""
    return _bundled("data") / COMMUNE_GAZETTEER


def links_table() -> Path:
    """The curated link table, ``data/links.csv``."""
    return _bundled("data") / "links.csv"


def example_sources() -> list[Path]:
    """The bundled example decisions, ``data/sources/*.txt`` (what ``cancu build`` builds
    when given no files), sorted."""
    return sorted((_bundled("data") / "sources").glob("*.txt"))


def extractor_files() -> list[Path]:
    """The code and data that decide what a source becomes: every module of
    :data:`EXTRACTOR_PACKAGES`, the gazetteer and the concept schemes, in a fixed order.

    >>> names = [path.name for path in extractor_files()]
    >>> "mapping.py" in names and "schemes.ttl" in names
    True
    """
    root = Path(str(files("cancu")))
    code = [path for name in EXTRACTOR_PACKAGES for path in sorted((root / name).glob("*.py"))]
    return [*code, *gazetteer_files(), commune_gazetteer_file(), schemes_file()]
