"""Agency names: the public names of :mod:`cancu.text.folding`, :mod:`cancu.text.gazetteer`
and :mod:`cancu.text.agency_split`, under the module name the rest of the code imports.

>>> from cancu.text.names import Gazetteer, fold
>>> fold("Sở Tài chính") == fold("so tai chinh")
True
"""

from cancu.text.agency_split import NON_AGENCY_PHRASES, split_cell
from cancu.text.folding import ABBREVIATIONS, clean, expand, fold, province_key, slugify
from cancu.text.gazetteer import (
    CURATED_PATH,
    DEFAULT_PATHS,
    GENERATED_PATH,
    QUALITIES,
    Entry,
    Gazetteer,
    Match,
    Quality,
    split_names,
)

__all__ = [
    "ABBREVIATIONS",
    "CURATED_PATH",
    "DEFAULT_PATHS",
    "GENERATED_PATH",
    "NON_AGENCY_PHRASES",
    "QUALITIES",
    "Entry",
    "Gazetteer",
    "Match",
    "Quality",
    "clean",
    "expand",
    "fold",
    "province_key",
    "slugify",
    "split_cell",
    "split_names",
]
