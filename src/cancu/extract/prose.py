"""Tasks assigned in running text: "giao Sở X chủ trì, phối hợp với Y xây dựng …".

Letters (Công văn), notices of conclusions (Thông báo kết luận) and decisions without a
task table assign work in sentences: an agency leads ("chủ trì"), others coordinate
("phối hợp với …"), and what is to be done follows, sometimes with a deadline ("trước
ngày 15/12/2025"). Each such sentence is a task with its lead, coordinators and deadline.

>>> from cancu.extract.agents import AgentResolver
>>> from cancu.text.names import Gazetteer
>>> from cancu.text.segment import Span
>>> text = ("Giao Sở Tài chính chủ trì, phối hợp với Sở Nội vụ rà soát, tổng hợp nhu cầu "
...     "kinh phí, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12/2025.")
>>> [task] = prose_tasks([Span(text, 7, 8)], AgentResolver(Gazetteer.default(), "Tây Ninh"), 2025)
>>> [a.as_written for a in task.leads], [a.as_written for a in task.coordinators]
(['Sở Tài chính'], ['Sở Nội vụ'])
>>> task.text[:37], task.deadline.as_written, str(task.deadline.end)
('rà soát, tổng hợp nhu cầu kinh phí, b', 'trước ngày 15/12/2025', '2025-12-14')
"""

from __future__ import annotations

import re

from cancu.extract.agents import AgentResolver, strip_title
from cancu.extract.records import Task
from cancu.parse.dates import parse_deadline
from cancu.text.segment import Span

_VERBS = (
    "tổ chức|xây dựng|triển khai|thực hiện|rà soát|tham mưu|hướng dẫn|kiểm tra|theo dõi|đôn đốc"
    "|nghiên cứu|đề xuất|tổng hợp|báo cáo|trình|ban hành|hoàn thiện|chỉ đạo|giải quyết|xử lý"
    "|cập nhật|bố trí|đảm bảo|bảo đảm|quản lý|phổ biến|tuyên truyền|tiếp nhận|thẩm định"
    "|sửa đổi|đẩy mạnh|khẩn trương|lập|thống kê|chuẩn bị|phân bổ|cân đối|tiếp tục"
    "|nghiêm túc|rà|soạn thảo|tập trung|chủ động|đánh giá|kiểm soát|giám sát|vận hành|số hóa"
    "|tăng cường|phát triển|hoàn thành|công bố|góp ý|thông báo|tiến hành|thành lập"
)
_ASSIGNMENT = re.compile(
    r"(?:^|(?<=[.;:])\s+|\b(?:[Gg]iao(?:\s+cho)?|[Đđ]ề\s+nghị|[Yy]êu\s+cầu)\s+)"
    r"(?P<lead>[^.;:]{3,160}?)\s+(?:có\s+trách\s+nhiệm\s+|chịu\s+trách\s+nhiệm\s+)?"
    r"chủ\s+trì\s*,?\s*(?:và\s+)?"
    r"(?:phối\s+hợp(?:\s+chặt\s+chẽ)?\s+với\s+(?P<coord>[^.;]+?)\s*,?\s+)?"
    rf"(?P<what>(?:{_VERBS})\b[^.;]*)"
)
_ASIDE = re.compile(r"\s+(?:căn\s+cứ|trong\s+thời\s+hạn|theo\s+quy\s+định|kể\s+từ)\b.*$")
"""What follows the coordinators before the work ("… căn cứ Quyết định này xây dựng …")."""
_LEAD_START = re.compile(r".*\b(?:[Gg]iao(?:\s+cho)?|[Đđ]ề\s+nghị|[Yy]êu\s+cầu)\s+")
_DEADLINE = re.compile(
    r"(?:(?:hoàn\s+thành|báo\s+cáo[^,;.]*?)\s+)?(?P<when>(?:trước|chậm\s+nhất|trong)\s+"
    r"(?:ngày|tháng|quý|quí|năm)\s+[^,;.()]+?)(?=[,;.()]|$)",
    re.IGNORECASE,
)


def _lead_text(raw: str) -> str:
    """The agency phrase before "chủ trì", without what introduces it."""
    text = _LEAD_START.sub("", raw).strip(" ,")
    return strip_title(text)


def prose_tasks(spans: list[Span], agents: AgentResolver, year: int | None) -> list[Task]:
    """The tasks the sentences of ``spans`` assign, in order (positions from 1)."""
    tasks: list[Task] = []
    for span in spans:
        for match in _ASSIGNMENT.finditer(span.text):
            lead = _lead_text(match.group("lead"))
            if not lead or len(lead.split()) > 25:
                continue
            what = match.group("what").strip()
            task = Task(len(tasks) + 1, "", what, span.start, span.end)
            task.leads = agents.split(lead, span.start, span.end)
            if match.group("coord"):
                coordinators = _ASIDE.sub("", match.group("coord"))
                task.coordinators = agents.split(coordinators, span.start, span.end)
            found = _DEADLINE.search(what)
            if found:
                task.deadline = parse_deadline(found.group("when"), default_year=year)
                task.deadline_lines = (span.start, span.end)
            if task.leads:
                tasks.append(task)
    return tasks
