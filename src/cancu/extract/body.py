"""The body of a decision: legal bases, proposer, articles, recipients and signature."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from cancu.extract.agents import AgentResolver, strip_title
from cancu.extract.citations import CitingContext, citations_in
from cancu.extract.header import parse_vn_date
from cancu.extract.records import AgentRef, Article, Citation, Participation, Signature
from cancu.parse.dates import parse_date
from cancu.text.segment import Span, is_upper

_BASIS = re.compile(r"^Căn cứ\b")
_REFERENCE = re.compile(r"^(Thực hiện|Triển khai)\b")
_PROPOSER = re.compile(r"^(?:Theo|Xét) đề nghị của\s+([^;]+?)(?:\s+tại\s+[^;]*?)?(?:;.*|[.,]\s*)?$")
_DECIDES = re.compile(r"^(QUYẾT ĐỊNH|QUYẾT NGHỊ|CHỈ THỊ)\s*:")
_ARTICLE = re.compile(r"^Điều\s+(\d+)\s*(?:[.:]\s*|$)")
_EFFECTIVE = re.compile(
    r"có hiệu lực(?: thi hành)?\s+(?:kể\s+)?từ\s+(ngày\s+(?:ký|\d[\d/ ]*(?:tháng\s+\d+\s+năm\s+\d{4})?))"
)
_ASSIGN = re.compile(
    r"\bGiao\s+(.+?)\s+(chủ trì|chịu trách nhiệm|theo dõi|phối hợp|thực hiện|tổ chức|bố trí|"
    r"hướng dẫn|thẩm định|kiểm tra|đôn đốc|tham mưu|xây dựng|triển khai|rà soát|tổng hợp|"
    r"cân đối|đảm bảo|bảo đảm)\b"
)
_EXECUTE = re.compile(
    r"^(?:Điều\s+\d+\s*[.:]\s*)?(.+?)\s+(?:căn cứ Quyết định thi hành|chịu trách nhiệm thi hành"
    r"|thi hành Quyết định này)"
)
_TITLE_WORDS = re.compile(
    r"\b(?:Phó\s+)?(?:Chánh|Giám đốc|Thủ trưởng|Chủ tịch|Trưởng)\s+(?=[A-ZĐÂĂÊÔƠƯ]|các\b|UBND)"
)
_RECIPIENTS = re.compile(r"^Nơi nhận\s*:?")
POST = re.compile(
    r"^(?:PHÓ |Q\. )?(?:CHỦ TỊCH|GIÁM ĐỐC|TỔNG GIÁM ĐỐC|BỘ TRƯỞNG|THỨ TRƯỞNG|THỦ TƯỚNG"
    r"|CỤC TRƯỞNG|TỔNG CỤC TRƯỞNG|VỤ TRƯỞNG|CHÁNH VĂN PHÒNG|TRƯỞNG BAN|CHỦ NHIỆM|THỐNG ĐỐC"
    r"|BÍ THƯ|TỔNG THƯ KÝ|CHÁNH ÁN|VIỆN TRƯỞNG|TỔNG KIỂM TOÁN|TRƯỞNG PHÒNG|CHÁNH THANH TRA"
    r"|TỔNG THANH TRA|TRƯỞNG ĐOÀN|CHỦ TỊCH QUỐC HỘI)\b"
)
"""The post a signer signs with, at the start of the signature block."""
_SIGNED_MARK = re.compile(r"\((?:đã\s+ký|ký|đã ký và đóng dấu)\)\s*", re.IGNORECASE)
"""A portal's "(Đã ký)" where the signature stood."""
_RANK = re.compile(
    r"^(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy|uý)\s+|^(?:GS|PGS|TS|ThS|BS)\.?\s*(?:TS\.?\s*)?",
)
_SIGN = re.compile(r"^(KT|TM|TL|TUQ|Q)(?:\.\s*|\s+(?=[A-ZĐ][A-ZĐÀ-Ỹ]))(.*)$")
_SKIP_RECIPIENT = re.compile(r"^(Như\s|Lưu|\(|CT,|LĐVP)", re.IGNORECASE)


@dataclass
class Preamble:
    """The legal bases, references and proposer before the articles or the plan body."""

    bases: list[Citation] = field(default_factory=list)
    proposer: AgentRef | None = None
    next_index: int = 0
    unmatched: list[Span] = field(default_factory=list)


def read_preamble(
    paras: list[Span], start: int, ctx: CitingContext, agents: AgentResolver
) -> Preamble:
    """Read "Căn cứ …", "Thực hiện …" and "Theo đề nghị …" paragraphs from ``start``."""
    out = Preamble(next_index=start)
    i = start
    while i < len(paras):
        span = paras[i]
        text = span.text
        if _DECIDES.match(text):
            i += 1
            break
        if _ARTICLE.match(text) or re.match(r"^[IVX]+\.\s", text):
            break
        if _BASIS.match(text):
            found = _top_level(text, citations_in(span, "legal-basis", ctx, agents))
            out.bases.extend(found)
            if not found:
                out.unmatched.append(span)
        elif _REFERENCE.match(text):
            out.bases.extend(citations_in(span, "reference", ctx, agents))
        elif (match := _PROPOSER.match(text)) is not None:
            out.proposer = agents.resolve(strip_title(match.group(1)), span.start, span.end)
            out.bases.extend(citations_in(span, "mention", ctx, agents))
        elif not is_upper(text):
            # An enacting sentence ("Chính phủ ban hành Nghị định sửa đổi … Nghị định số 63/2010/NĐ-CP")
            # or a closing one ("Ủy ban nhân dân Tỉnh ban hành Kế hoạch … như sau:").
            out.bases.extend(citations_in(span, "mention", ctx, agents))
        i += 1
    out.next_index = i
    return out


_CONNECTOR = re.compile(
    r"^[\s,;.]*(?:và|;|,)?[\s,;(]*(?:Căn cứ\s+)?"
    r"(?:(?:đã\s+)?được\s+sửa\s+đổi,?\s*(?:bổ\s+sung)?(?:\s+một\s+số\s+điều)?"
    r"(?:\s+(?:theo|bởi|tại))?\s*)?$"
)
"""What may stand between two instruments a "Căn cứ" lists: a conjunction, or "được sửa đổi,
bổ sung bởi" before the acts that amended the one before."""


_AMENDED_BY = re.compile(
    r"được\s+sửa\s+đổi,?\s*(?:bổ\s+sung)?(?:\s+một\s+số\s+điều)?\s+(?:bởi|theo|tại)\s*$"
)


def _top_level(text: str, found: list[Citation]) -> list[Citation]:
    """Keep "legal-basis" for the instruments a "Căn cứ" paragraph lists at its top level.

    An instrument named inside another's subject ("… về sửa đổi Luật Tổ chức Chính phủ")
    is a mention, not a basis of its own.
    """
    out: list[Citation] = []
    cursor = 0
    nested = False
    for k, cite in enumerate(found):
        at = text.find(cite.as_written, cursor)
        between = text[cursor:at] if at >= 0 else ""
        amending = at > 0 and _AMENDED_BY.search(text[max(0, at - 80) : at])
        if ";" in between or amending:
            nested = False  # a new item, or the act that amended the one before
        elif k > 0 and (found[k - 1].subject or not _CONNECTOR.match(between)):
            nested = True  # named inside the subject of the instrument before it
        out.append(replace(cite, kind="mention") if nested else cite)
        if at >= 0:
            cursor = at + len(cite.as_written)
    return out


def _participations(text: str, start: int, end: int, agents: AgentResolver) -> list[Participation]:
    found: list[Participation] = []
    for sentence in re.split(r"(?<=[.;])\s+", text):
        for match in _ASSIGN.finditer(sentence):
            if "kinh phí" in sentence:
                role = "funding"
            elif re.search(r"theo dõi|đôn đốc|kiểm tra", sentence):
                role = "monitoring"
            else:
                role = "assigned"
            for name in agents.gazetteer.split(
                _TITLE_WORDS.sub("", match.group(1)), province=agents.province
            ):
                found.append(Participation(agents.resolve(name, start, end), role))
    execute = _EXECUTE.match(text)
    if execute:
        clause = re.sub(
            r"\s+và các tổ chức, cá nhân.*$|,?\s*các tổ chức, cá nhân.*$", "", execute.group(1)
        )
        for name in agents.gazetteer.split(_TITLE_WORDS.sub("", clause), province=agents.province):
            if len(name) >= 4:
                found.append(Participation(agents.resolve(name, start, end), "executing"))
    return found


_CHAPTER = re.compile(r"^(?:Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN)\s+(?:[IVXLC]+|\d+)\b")


def _next_is_article(paras: list[Span], i: int) -> bool:
    """Whether an article follows a chapter heading and its title (within three paragraphs)."""
    return any(_ARTICLE.match(p.text) for p in paras[i + 1 : i + 4])


@dataclass
class Articles:
    """The articles with the index of the first paragraph after them."""

    articles: list[Article]
    next_index: int


def read_articles(
    paras: list[Span], start: int, ctx: CitingContext, agents: AgentResolver, date
) -> Articles:
    """Read "Điều N." paragraphs (and the paragraphs that continue them)."""
    articles: list[Article] = []
    i = start
    while i < len(paras):
        span = paras[i]
        match = _ARTICLE.match(span.text)
        if match:
            articles.append(Article(int(match.group(1)), span.text, span.start, span.end))
        elif _CHAPTER.match(span.text) and (articles or _next_is_article(paras, i)):
            # "Chương II" / "Mục 1" and its upper-case title: the articles go on after it.
            i += 1
            while i < len(paras) and is_upper(paras[i].text) and not _ARTICLE.match(paras[i].text):
                i += 1
            continue
        elif (
            not articles
            or _RECIPIENTS.match(span.text)
            or _SIGN.match(span.text)
            or is_upper(span.text)
        ):
            break
        else:
            article = articles[-1]
            article.text += " " + span.text
            article.end = span.end
        i += 1
    for article in articles:
        span = Span(article.text, article.start, article.end)
        article.citations = citations_in(span, "mention", ctx, agents)
        article.participations = _participations(article.text, article.start, article.end, agents)
        effective = _EFFECTIVE.search(article.text)
        if effective:
            written = effective.group(1).strip()
            article.effective_as_written = written
            if written.endswith("ký"):
                article.effective_date = date
            else:
                article.effective_date = parse_vn_date(written) or _try_date(written)
    return Articles(articles, i)


def _try_date(text: str):
    try:
        return parse_date(text)
    except Exception:
        return None


@dataclass
class Closing:
    """Recipients and signature, with the index of the first paragraph after them."""

    recipients: list[AgentRef]
    signature: Signature | None
    next_index: int


def read_closing(paras: list[Span], start: int, agents: AgentResolver) -> Closing:
    """Read "Nơi nhận:" and the signature block, in whichever order they come."""
    recipients: list[AgentRef] = []
    formulas: list[str] = []
    behalf: list[str] = []
    post = signer = None
    first = last = None
    i = start
    in_recipients = False
    while i < len(paras):
        span = paras[i]
        text = span.text
        if _RECIPIENTS.match(text):
            in_recipients = True
            rest = _RECIPIENTS.sub("", text).strip()
            if rest:
                recipients.extend(_recipient_refs(rest, span, agents))
        elif in_recipients and text.startswith(("-", "+")):
            recipients.extend(_recipient_refs(text, span, agents))
        elif (match := _SIGN.match(text)) is not None:
            in_recipients = False
            formulas.append(match.group(1) + ".")
            first = first or span.start
            last = span.end
            words, name = _split_name(match.group(2))
            if name:  # "KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG Phạm Thị Thanh Trà" in one paragraph
                words, own = _split_post(words)
                post = own or post
            if words:
                behalf.append(words)
            signer = name or signer
            if name:  # the block ends with the signer's name
                i += 1
                break
        elif formulas or (is_upper(text.split(" ")[0]) and POST.match(text)):
            words, name = _split_name(text)
            if words:
                post = words
            if name:
                signer = name
            first = first or span.start
            last = span.end
            if name:
                i += 1
                break
        elif not in_recipients:
            break
        i += 1
    signature = None
    if formulas or post or signer:
        if post is None and behalf:
            post = behalf.pop()
        signature = Signature(formulas, behalf, post, signer, first or 0, last or 0)
    return Closing(recipients, signature, i)


def find_closing(paras: list[Span], start: int, agents: AgentResolver) -> Closing | None:
    """The closing found by looking on from ``start`` (the end of the articles or of the
    preamble), when it does not follow the body directly (a letter's numbered points, a last
    article the reader did not close): the first place where "Nơi nhận:", a signing formula
    or a post opens a block that names its signer; failing that, the same in the last paragraphs
    (a letter whose points run to its end)."""
    tail = range(max(0, len(paras) - 40), len(paras))
    for k in [*range(start, len(paras)), *tail]:
        text = paras[k].text
        if _RECIPIENTS.match(text) or _SIGN.match(text) or POST.match(text):
            closing = read_closing(paras, k, agents)
            if closing.signature is not None and closing.signature.signer:
                return closing
    return None


def _split_post(words: str) -> tuple[str, str | None]:
    """Split "THỦ TƯỚNG PHÓ THỦ TƯỚNG" into what is signed for and the signer's own post.

    >>> _split_post("THỦ TƯỚNG PHÓ THỦ TƯỚNG"), _split_post("CHỦ TỊCH")
    (('THỦ TƯỚNG', 'PHÓ THỦ TƯỚNG'), ('CHỦ TỊCH', None))
    """
    match = re.search(r"\s(?=(?:PHÓ|Q\.|QUYỀN)\s)", words)
    if match:
        return words[: match.start()].strip(), words[match.end() :].strip()
    return words, None


def _split_name(text: str) -> tuple[str, str | None]:
    """Split "PHÓ CHỦ TỊCH Nguyễn Mạnh Hùng" into the upper-case post and the name."""
    words = text.split()
    k = 0
    while k < len(words) and is_upper(words[k]):
        k += 1
    upper = " ".join(words[:k]).strip()
    rest = _RANK.sub("", _SIGNED_MARK.sub("", " ".join(words[k:])).strip(" ."))
    name = rest if rest and 2 <= len(rest.split()) <= 6 and not re.search(r"\d", rest) else None
    return upper, name


def _recipient_refs(text: str, span: Span, agents: AgentResolver) -> list[AgentRef]:
    out: list[AgentRef] = []
    for part in re.split(r";", text):
        part = part.strip(" -+.;")
        part = re.sub(r"\s*\((?:để )?[^)]*\)\s*$", "", part)
        if not part or _SKIP_RECIPIENT.match(part):
            continue
        out.append(agents.resolve(part, span.start, span.end))
    return out
