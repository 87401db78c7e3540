"""Read a legal portal's HTML page (vbpl.vn, old and new site) into blocks.

The page is parsed with ``lxml.html`` (libxml2's HTML parser: fast on a
megabyte of inline CSS, forgiving of broken markup, and already a dependency
for DOCX). The reader works on the element tree, never on a text dump, so
text split over inline elements ("Tên d<span>ự án</span>") is joined exactly as
a browser shows it, and block boundaries are never joined.

Where the document is: from ``<body>`` the reader goes down into the child
holding most of the text (at least half of it) as long as that child is a
container (``div``, ``section``, ``span``…, not a table or a paragraph) and
none of its siblings holds part of the document's header (the national motto,
"Độc lập - Tự do - Hạnh phúc", or a "Số:" line), which a portal may lay out
beside the body text. Menus, breadcrumbs, tables of contents and footers are
smaller than the document and are left behind; their size is reported.

What is read inside: block elements (``p``, ``div``, headings, list items…)
are paragraphs, ``<br>`` starts a new line of the paragraph, tables are grids
with ``rowspan``/``colspan`` resolved, a table nested in a cell is flattened
into the cell's paragraphs (with a warning). Bold/italic come from ``b``,
``strong``, ``i``, ``em`` and inline ``font-weight``/``font-style``; the
alignment from ``align`` or ``text-align``. Scripts, styles, forms and
elements hidden by ``display: none`` are not text.

The page's own metadata (outside the document) becomes
:class:`~cancu.read.blocks.Field` s named as the portal writes them ("Hiệu lực",
"Ngày có hiệu lực", "Số ký hiệu", "Cơ quan ban hành"…), a second witness.
A status shown without a label is named "Tình trạng hiệu lực", the page's
``<h1>`` title "Tiêu đề". A field's place is its line in the HTML source.

>>> page = '''<html><body><nav>Trang chủ | Văn bản</nav>
... <div><span>Ngày có hiệu lực:</span> <span>19/09/2025</span></div>
... <div class="doc"><p align="center"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p>
... <p>Số: 12/QĐ-UBND</p><p>Tên d<span>ự án</span>: Trường học</p></div></body></html>'''
>>> blocks = read_html(page.encode(), "a.html", "0" * 64)
>>> [p.text for p in blocks.paragraphs()]
['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Số: 12/QĐ-UBND', 'Tên dự án: Trường học']
>>> blocks.field("Ngày có hiệu lực")
'19/09/2025'
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import lxml.html
from lxml import etree

from cancu.errors import InputError
from cancu.read.assemble import Assembler, Draft, DraftCell, Gather, clean_line
from cancu.read.blocks import Blocks, Field, Place

_DROP = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "canvas",
    "head",
    "title",
    "meta",
    "link",
    "input",
    "select",
    "textarea",
    "button",
    "option",
}
_BLOCK = {
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "ul",
    "caption",
}
_CONTAINERS = {"body", "main", "article", "section", "div", "form", "span", "center", "font"}
_BOLD = {"b", "strong", "h1", "h2", "h3", "h4", "h5", "h6", "th"}
_ITALIC = {"i", "em", "cite", "var"}
_TABLE_PARTS = {"thead", "tbody", "tfoot"}
_SEPARATE = {"br", "table", "tr", "td", "th"} | _TABLE_PARTS
_ALIGN = {"center": "center", "middle": "center", "right": "right", "left": "left"}
_ALIGN.update({"justify": "justify", "start": "left", "end": "right"})

_HEADER = re.compile(
    r"CỘNG\s+HÒA\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA|CỘNG\s+HOÀ\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA"
    r"|Độc\s+lập\s*[-–—]\s*Tự\s+do|(?:^|\s)Số\s*:",
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_WEIGHT = re.compile(r"font-weight\s*:\s*(bold|bolder|[6-9]00)", re.I)
_STYLE_ITALIC = re.compile(r"font-style\s*:\s*(italic|oblique)", re.I)
_TEXT_ALIGN = re.compile(r"text-align\s*:\s*([a-z-]+)", re.I)

FIELD_NAMES = (
    "Số hiệu",
    "Số ký hiệu",
    "Loại văn bản",
    "Cơ quan ban hành",
    "Người ký",
    "Chức danh",
    "Ngày ban hành",
    "Ngày có hiệu lực",
    "Ngày hết hiệu lực",
    "Ngày đăng công báo",
    "Số công báo",
    "Tình trạng hiệu lực",
    "Hiệu lực",
    "Lĩnh vực",
    "Ngành",
    "Phạm vi",
    "Nguồn thu thập",
    "Ngày cập nhật",
)
"""Labels of the document metadata the portals show (a label may add words: "Cơ quan ban hành/ Chức danh")."""

STATUSES = (
    "Còn hiệu lực",
    "Hết hiệu lực toàn bộ",
    "Hết hiệu lực một phần",
    "Chưa có hiệu lực",
    "Ngưng hiệu lực",
    "Ngưng hiệu lực một phần",
    "Không còn phù hợp",
)
"""The validity statuses a portal shows, sometimes as a badge without a label."""


def decode(data: bytes, name: str) -> tuple[str, str | None]:
    """The page's text, from its BOM or ``<meta charset>``, else UTF-8; and a warning if guessed.

    >>> text, guessed = decode('<meta charset="windows-1258"><p>Ho\\u0300a'.encode("cp1258"), "a.html")
    >>> unicodedata.normalize("NFC", text)[-3:], guessed
    ('Hòa', None)
    """
    boms = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"))
    for bom, codec in (*boms, (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), None
    match = _CHARSET.search(data[:8192])
    codec = match.group(1).decode("ascii").lower() if match else "utf-8"
    try:
        codecs.lookup(codec)
    except LookupError:
        raise InputError(
            f"unknown charset {codec!r} in <meta>: expected an HTML page in a known encoding",
            source=name,
        ) from None
    try:
        return data.decode(codec), None
    except UnicodeDecodeError as exc:
        if match:
            raise InputError(
                f"not {codec} text (byte 0x{data[exc.start]:02x} at offset {exc.start}), "
                "though its <meta> says so: expected the page as saved",
                source=name,
            ) from None
    return data.decode("cp1258", errors="replace"), (
        "page: no charset declared and not UTF-8; read as windows-1258"
    )


def _text(element: etree._Element) -> str:
    """An element's visible text (without scripts and styles), whitespace made single;
    blocks, cells and line breaks are separated by a space."""
    pieces: list[str] = []

    def walk(node: etree._Element) -> None:
        pieces.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str) and child.tag not in _DROP:
                apart = child.tag in _BLOCK or child.tag in _SEPARATE
                pieces.append(" " if apart else "")
                walk(child)
                pieces.append(" " if apart else "")
            pieces.append(child.tail or "")

    walk(element)
    return " ".join("".join(pieces).split())


def _visible_children(element: etree._Element) -> list[etree._Element]:
    return [c for c in element if isinstance(c.tag, str) and c.tag not in _DROP]


def find_document(body: etree._Element) -> etree._Element:
    """The element holding the document's text (see the module docstring)."""
    texts: dict[etree._Element, str] = {}

    def text(element: etree._Element) -> str:
        if element not in texts:
            texts[element] = _text(element)
        return texts[element]

    def size(element: etree._Element) -> int:
        return len(text(element))

    current = body
    while True:
        children = _visible_children(current)
        if not children:
            return current
        best = max(children, key=size)
        if best.tag not in _CONTAINERS or size(best) * 2 < size(current):
            return current
        if any(_HEADER.search(text(c)) for c in children if c is not best):
            return current
        current = best


def _style(element: etree._Element) -> str:
    return element.get("style") or ""


@dataclass(frozen=True)
class _Look:
    bold: bool = False
    italic: bool = False
    align: str | None = None

    def of(self, element: etree._Element) -> _Look:
        style = _style(element)
        align = (element.get("align") or "").lower()
        match = _TEXT_ALIGN.search(style)
        if match:
            align = match.group(1).lower()
        return _Look(
            self.bold or element.tag in _BOLD or bool(_WEIGHT.search(style)),
            self.italic or element.tag in _ITALIC or bool(_STYLE_ITALIC.search(style)),
            _ALIGN.get(align, self.align),
        )


class _Walker:
    """Turn the document element into paragraphs and tables."""

    def __init__(self) -> None:
        self.out = Assembler()

    def _skip(self, element: etree._Element, notes: list[str] | None) -> bool:
        if element.tag in _DROP:
            return True
        if element.get("hidden") is not None or _HIDDEN.search(_style(element)):
            size = len(_text(element))
            if size:
                self._note(notes, f"{size} characters of hidden text skipped")
            return True
        return False

    def _note(self, notes: list[str] | None, message: str) -> None:
        if notes is None:
            self.out.warn(f"near {self.out.next_paragraph.describe()}", message)
        else:
            notes.append(message)

    def flow(
        self,
        element: etree._Element,
        look: _Look,
        emit: Callable[[Draft], None],
        notes: list[str] | None = None,
    ) -> None:
        """Walk ``element``'s content, handing each finished paragraph to ``emit``.

        ``notes`` collects warnings when the content is a table cell's; body
        warnings go to the assembler at the paragraph they are near.
        """
        gather = Gather()
        align = look.align

        def flush() -> None:
            nonlocal gather
            emit(gather.draft(align))
            gather = Gather()

        def walk(node: etree._Element, look: _Look) -> None:
            nonlocal align
            gather.add(node.text or "", look.bold, look.italic)
            for child in node:
                if isinstance(child.tag, str) and not self._skip(child, notes):
                    inner = look.of(child)
                    if child.tag == "br":
                        gather.newline()
                    elif child.tag == "img":
                        alt = clean_line(child.get("alt") or "")
                        self._note(
                            notes,
                            f"an image skipped (alt text {alt!r})"
                            if alt
                            else "an image without text skipped",
                        )
                    elif child.tag == "table":
                        flush()
                        if notes is None:
                            self.out.table(self.table(child, inner))
                        else:
                            self.flatten(child, inner, emit, notes)
                    elif child.tag in _BLOCK:
                        flush()
                        align = inner.align
                        walk(child, inner)
                        flush()
                        align = look.align
                    else:
                        walk(child, inner)
                gather.add(child.tail or "", look.bold, look.italic)

        walk(element, look)
        flush()

    def _cells(self, tr: etree._Element) -> list[etree._Element]:
        return [td for td in tr if td.tag in ("td", "th") and not self._skip(td, None)]

    def table(self, table: etree._Element, look: _Look) -> list[list[DraftCell]]:
        """A table's rows of draft cells (spans as the markup gives them)."""
        rows = []
        for tr in _rows(table):
            row = []
            for td in self._cells(tr):
                cell = DraftCell([], col_span=_span(td, "colspan"), row_span=_span(td, "rowspan"))
                self.flow(td, look.of(td), cell.paragraphs.append, cell.notes)
                row.append(cell)
            rows.append(row)
        return rows

    def flatten(
        self, table: etree._Element, look: _Look, emit: Callable[[Draft], None], notes: list[str]
    ) -> None:
        """Read a table nested in a cell as paragraphs of that cell."""
        rows = _rows(table)
        width = max((len(self._cells(tr)) for tr in rows), default=0)
        notes.append(
            f"a nested table ({len(rows)} rows × {width} cells) flattened into the cell's paragraphs"
        )
        for tr in rows:
            for td in self._cells(tr):
                self.flow(td, look.of(td), emit, notes)


def _rows(table: etree._Element) -> list[etree._Element]:
    rows = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in _TABLE_PARTS:
            rows.extend(c for c in child if c.tag == "tr")
    return rows


def _span(cell: etree._Element, name: str) -> int:
    try:
        return min(max(int(cell.get(name) or 1), 1), 1000)
    except ValueError:
        return 1


def _label(text: str) -> str | None:
    """The portal field a label names ("Cơ quan ban hành/ Chức danh:" → itself), or None."""
    label = clean_line(text).rstrip(":").strip()
    if len(label) > 60:
        return None
    folded = unicodedata.normalize("NFC", label).casefold()
    if any(folded.startswith(name.casefold()) for name in FIELD_NAMES):
        return label
    return None


def metadata(root: etree._Element, document: etree._Element) -> list[Field]:
    """The page's metadata fields outside the document element (see the module docstring)."""
    inside = set(document.iter())
    fields: list[Field] = []

    def add(name: str, value: str, element: etree._Element) -> None:
        value = clean_line(value)
        if value and len(value) <= 300 and all((f.name, f.value) != (name, value) for f in fields):
            fields.append(Field(name, value, Place(line=element.sourceline)))

    for element in root.iter():
        if not isinstance(element.tag, str) or element in inside or element.tag in _DROP:
            continue
        own = clean_line(element.text or "")
        parent = element.getparent()
        short = len(element.text_content()) <= 80
        if own.endswith(":") and not len(element) and parent is not None:
            name = _label(own)
            whole = _text(parent) if name else ""
            if name and whole.startswith(own):
                add(name, whole[len(own) :], element)
        elif element.tag in ("td", "th") and short:
            name = _label(_text(element))
            following = element.getnext()
            if name and following is not None and following.tag in ("td", "th"):
                add(name, _text(following), element)
        elif element.tag == "h1":
            add("Tiêu đề", _text(element), element)
        elif (
            short
            and _text(element) in STATUSES
            and not any(_text(c) == _text(element) for c in _visible_children(element))
        ):
            add("Tình trạng hiệu lực", _text(element), element)
    return fields


def read_html(data: bytes, name: str, sha256: str) -> Blocks:
    """Read a portal page's bytes into :class:`~cancu.read.blocks.Blocks` (see the module docstring)."""
    text, guessed = decode(data, name)
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(
            f"not an HTML page ({exc}): expected a saved web page", source=name
        ) from None
    body = root.find("body")
    if body is None:
        raise InputError("no <body>: expected a saved web page", source=name)
    document = find_document(body)
    walker = _Walker()
    if guessed:
        walker.out.warnings.append(guessed)
    chrome = len(_text(body)) - len(_text(document))
    if chrome > 0:
        walker.out.warn(
            "page",
            f"{chrome} characters of page chrome (navigation, page metadata, footer) outside "
            f"the document's <{document.tag}> skipped",
        )
    walker.flow(document, _Look().of(document), walker.out.paragraph)
    blocks = walker.out.blocks(name, sha256, "html", tuple(metadata(root, document)))
    if not blocks.blocks:
        raise InputError("no text found in the page: expected a document's page", source=name)
    return blocks
