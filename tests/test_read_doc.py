"""The Word 97–2003 reader: LibreOffice converts, the DOCX reader reads."""

from __future__ import annotations

import pytest

from cancu.errors import InputError
from cancu.read import doc
from cancu.read.blocks import Blocks
from cancu.read.detect import read_file
from tests.conftest import FORMATS

needs_office = pytest.mark.skipif(
    doc.office_command() is None,
    reason=f"LibreOffice is not installed ({doc.INSTALL}); scripts/system-deps installs it",
)


def shared(name: str) -> Blocks:
    path = FORMATS / "doc" / name
    if not path.is_file():
        pytest.skip(f"shared file {path} is absent")
    blocks = read_file(path)
    assert blocks.format == "doc"
    return blocks


def test_missing_libreoffice_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doc.shutil, "which", lambda _: None)
    with pytest.raises(InputError) as error:
        doc.read_doc(b"\xd0\xcf\x11\xe0", "a.doc", "0" * 64)
    assert str(error.value) == (
        "a.doc: reading a Word 97-2003 .doc file needs LibreOffice: "
        "apt-get install libreoffice-writer-nogui"
    )


@needs_office
def test_a_conversion_over_its_time_limit_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"did not convert the \.doc file within 0 s") as error:
        doc.convert_to_docx(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "x.doc", timeout=0.01)
    assert str(error.value).startswith("x.doc: ")


@needs_office
def test_nd_146_2025() -> None:
    blocks = shared("nd-146-2025-nd-cp.doc")
    head = blocks.tables()[0]
    assert head is blocks.blocks[0] and head.width == 2
    assert head.rows[0][0].lines[0].text == "CHÍNH PHỦ"
    assert head.rows[1][0].text == "Số: 146/2025/NĐ-CP"
    assert head.rows[1][1].text == "Hà Nội, ngày 12 tháng 6 năm 2025"
    texts = [p.text for p in blocks.paragraphs()]
    assert texts[0] == "NGHỊ ĐỊNH" and "PHỤ LỤC I" in texts
    # the appendices of this file are numbered text, not tables: its tables are the
    # header and the signature block ("Nơi nhận:" | the signer)
    assert len(blocks.tables()) == 2
    assert blocks.tables()[1].rows[0][0].text.startswith("Nơi nhận:")


@needs_office
def test_vbpl_constitution_1992() -> None:
    blocks = shared("vbpl-hienphap-1992.doc")
    texts = [p.text for p in blocks.paragraphs()]
    assert texts[:3] == [
        "HIẾN PHÁP",
        "NƯỚC CỘNG HOÀ CHỦ NGHIÃ XÃ HỘI VIỆT NAM NĂM 1992",
        "LỜI NÓI ĐẦU",
    ]
    assert "Điều 1" in texts and "Điều 147" in texts
