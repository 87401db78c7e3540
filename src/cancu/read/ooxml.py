"""What a DOCX paragraph inherits: its styles' emphasis and alignment, and its list label.

Word keeps emphasis and alignment either on the paragraph and its runs or in
named styles (``word/styles.xml``, each ``basedOn`` another), and draws list
labels ("1.", "a)") from ``word/numbering.xml`` instead of the text. These two
classes answer what the reader needs from both files.

>>> styles = Styles(None)
>>> styles.run_flag(None, None, "b")
False
>>> xml = (f'<w:numbering xmlns:w="{W[1:-1]}"><w:abstractNum w:abstractNumId="0">'
...        '<w:lvl w:ilvl="0"><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl>'
...        '</w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
>>> labels = Numbering(etree.fromstring(xml))
>>> numpr = etree.fromstring(f'<w:numPr xmlns:w="{W[1:-1]}"><w:numId w:val="5"/></w:numPr>')
>>> [labels.label(numpr) for _ in range(3)]
['a) ', 'b) ', 'c) ']
>>> to_letters(27), to_letters(28), to_roman(1994)
('aa', 'bb', 'mcmxciv')
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_OFF = {"0", "false", "off", "none"}
_ALIGN = {
    "center": "center",
    "right": "right",
    "end": "right",
    "left": "left",
    "start": "left",
    "both": "justify",
    "distribute": "justify",
    "lowKashida": "justify",
    "mediumKashida": "justify",
    "highKashida": "justify",
    "thaiDistribute": "justify",
}


def val(element: etree._Element | None, default: str | None = None) -> str | None:
    """The ``w:val`` attribute of an element, or ``default`` when it or the attribute is absent."""
    if element is None:
        return default
    return element.get(W + "val", default)


def whole(text: str | None, default: int) -> int:
    """An attribute's text as a whole number (``default`` when absent or not a number).

    >>> whole("2", 1), whole(None, 1), whole("x", 0)
    (2, 1, 0)
    """
    try:
        return int(text or default)
    except ValueError:
        return default


def flag(props: etree._Element | None, name: str) -> bool | None:
    """A toggle property (``w:b``, ``w:i``, ``w:vanish``) of a property element: True, False or unset."""
    if props is None:
        return None
    element = props.find(W + name)
    if element is None:
        return None
    return (val(element, "1") or "1").lower() not in _OFF


@dataclass
class _Style:
    based_on: str | None
    ppr: etree._Element | None
    rpr: etree._Element | None


class Styles:
    """The document's named styles, resolved through ``basedOn``."""

    def __init__(self, root: etree._Element | None):
        self._styles: dict[str, _Style] = {}
        self._default_rpr = None
        self._default_paragraph: str | None = None
        self._flags: dict[tuple[str | None, str], bool | None] = {}
        if root is None:
            return
        self._default_rpr = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        for style in root.iter(W + "style"):
            sid = style.get(W + "styleId")
            if sid is None:
                continue
            self._styles[sid] = _Style(
                val(style.find(W + "basedOn")), style.find(W + "pPr"), style.find(W + "rPr")
            )
            if style.get(W + "type") == "paragraph" and (style.get(W + "default") or "") in {
                "1",
                "true",
            }:
                self._default_paragraph = sid

    def _chain(self, sid: str | None) -> list[_Style]:
        chain, seen = [], set()
        while sid and sid in self._styles and sid not in seen:
            seen.add(sid)
            chain.append(self._styles[sid])
            sid = self._styles[sid].based_on
        return chain

    def paragraph_style(self, ppr: etree._Element | None) -> str | None:
        """The paragraph's style id (the default paragraph style when it names none)."""
        return val(ppr.find(W + "pStyle") if ppr is not None else None) or self._default_paragraph

    def align(self, ppr: etree._Element | None) -> str | None:
        """A paragraph's alignment as ``center``/``right``/``left``/``justify``, or None."""
        if ppr is not None and ppr.find(W + "jc") is not None:
            return _ALIGN.get(val(ppr.find(W + "jc")) or "")
        for style in self._chain(self.paragraph_style(ppr)):
            if style.ppr is not None and style.ppr.find(W + "jc") is not None:
                return _ALIGN.get(val(style.ppr.find(W + "jc")) or "")
        return None

    def numbering(self, ppr: etree._Element | None) -> etree._Element | None:
        """A paragraph's ``w:numPr`` (its own, or its style's), or None."""
        if ppr is not None and ppr.find(W + "numPr") is not None:
            return ppr.find(W + "numPr")
        for style in self._chain(self.paragraph_style(ppr)):
            if style.ppr is not None and style.ppr.find(W + "numPr") is not None:
                return style.ppr.find(W + "numPr")
        return None

    def run_flag(self, ppr: etree._Element | None, rpr: etree._Element | None, name: str) -> bool:
        """A run's toggle property (``b``, ``i``, ``vanish``): direct, character style,
        paragraph style, then document defaults."""
        direct = flag(rpr, name)
        if direct is not None:
            return direct
        character = val(rpr.find(W + "rStyle")) if rpr is not None else None
        for sid in (character, self.paragraph_style(ppr)):
            value = self._style_flag(sid, name)
            if value is not None:
                return value
        return bool(flag(self._default_rpr, name))

    def _style_flag(self, sid: str | None, name: str) -> bool | None:
        key = (sid, name)
        if key not in self._flags:
            found = None
            for style in self._chain(sid):
                found = flag(style.rpr, name)
                if found is not None:
                    break
            self._flags[key] = found
        return self._flags[key]


def to_letters(n: int) -> str:
    """1 → a, 26 → z, 27 → aa (Word's letter numbering repeats the letter)."""
    if n < 1:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def to_roman(n: int) -> str:
    """A lower-case Roman numeral (Word falls back to decimal beyond 3999)."""
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, letters in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        text = to_letters(n)
    elif fmt in ("lowerRoman", "upperRoman"):
        text = to_roman(n)
    elif fmt == "decimalZero":
        text = f"{n:02d}"
    elif fmt == "none":
        text = ""
    else:
        text = str(n)
    return text.upper() if fmt.startswith("upper") else text


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"


@dataclass
class _List:
    levels: dict[int, _Level]
    counters: dict[int, int] = field(default_factory=dict)


class Numbering:
    """List labels of numbered paragraphs, counted in reading order.

    Each ``w:num`` draws its levels from an abstract definition; instances of one
    definition continue one count unless the instance restarts it (``startOverride``).
    Bullets whose symbol is a private-use font glyph come out as "-".
    """

    def __init__(self, root: etree._Element | None):
        self._lists: dict[str, _List] = {}
        if root is None:
            return
        abstract: dict[str, dict[int, _Level]] = {}
        for node in root.iter(W + "abstractNum"):
            abstract[node.get(W + "abstractNumId") or ""] = {
                whole(lvl.get(W + "ilvl"), 0): _Level(
                    whole(val(lvl.find(W + "start")), 1),
                    val(lvl.find(W + "numFmt"), "decimal") or "decimal",
                    val(lvl.find(W + "lvlText"), "") or "",
                    val(lvl.find(W + "suff"), "tab") or "tab",
                )
                for lvl in node.iter(W + "lvl")
            }
        shared: dict[str, _List] = {}
        for num in root.iter(W + "num"):
            aid = val(num.find(W + "abstractNumId")) or ""
            levels = dict(abstract.get(aid, {}))
            overrides = num.findall(W + "lvlOverride")
            for override in overrides:
                level = whole(override.get(W + "ilvl"), 0)
                start = override.find(W + "startOverride")
                if start is not None and level in levels:
                    base = levels[level]
                    levels[level] = _Level(whole(val(start), 1), base.fmt, base.text, base.suffix)
            if overrides:
                self._lists[num.get(W + "numId") or ""] = _List(levels)
            else:
                self._lists[num.get(W + "numId") or ""] = shared.setdefault(aid, _List(levels))

    def label(self, numpr: etree._Element | None) -> str:
        """The label of the next paragraph of a list (with its trailing space), counting it."""
        if numpr is None:
            return ""
        lst = self._lists.get(val(numpr.find(W + "numId")) or "")
        level = whole(val(numpr.find(W + "ilvl")), 0)
        if lst is None or level not in lst.levels:
            return ""
        spec = lst.levels[level]
        lst.counters[level] = lst.counters.get(level, spec.start - 1) + 1
        for deeper in [k for k in lst.counters if k > level]:
            del lst.counters[deeper]
        if spec.fmt == "bullet":
            text = (
                "-"
                if not spec.text or any(0xE000 <= ord(ch) <= 0xF8FF for ch in spec.text)
                else spec.text
            )
        else:
            text = spec.text
            for k, other in lst.levels.items():
                count = lst.counters.get(k, other.start)
                text = text.replace(f"%{k + 1}", _format(count, other.fmt))
        text = text.strip()
        if not text:
            return ""
        return text if spec.suffix == "nothing" else text + " "
