import io
import shutil
import sys
from pathlib import Path

import pytest

from tomtat.errors import InputError
from tomtat.ingest import load_documents

FIXTURES = Path(__file__).parents[1] / "fixtures"


def test_directory_sorted_and_hidden_skipped(tmp_path):
    for src in sorted((FIXTURES / "seeds").glob("00[12]_*.txt")):
        shutil.copy(src, tmp_path / src.name)
    shutil.copy(FIXTURES / "article.html", tmp_path / "000_page.html")
    (tmp_path / ".hidden.txt").write_text("Bài ẩn không được đọc vào.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("# Ghi chú", encoding="utf-8")
    docs = load_documents([tmp_path])
    assert [d.id for d in docs] == ["000_page", "001_3034f4cbdd36edf4", "002_6c4350934ad77abe"]


def test_directory_without_text_files(tmp_path):
    (tmp_path / "anh.jpg").write_bytes(b"\xff\xd8\xff")
    with pytest.raises(InputError, match="no .txt, .html or .pdf files in directory") as err:
        load_documents([tmp_path])
    assert err.value.where == str(tmp_path)


def test_directory_leaves_out_unreadable_files_and_keeps_clutter_only_ones(tmp_path):
    shutil.copy(min((FIXTURES / "seeds").glob("001_*.txt")), tmp_path / "001.txt")
    (tmp_path / "002_clutter.txt").write_text("Tin liên quan\nĐọc thêm: Hội đàm\nẢnh : Ngọc_Thành\n", encoding="utf-8")
    (tmp_path / "003_binary.txt").write_bytes(b"\x00\x01\x02PNG\x00")
    skipped: list[InputError] = []
    docs = load_documents([tmp_path], on_skip=skipped.append)
    # an article cleaning would empty is kept as it came and flagged (issue #10 item 4)
    assert [d.id for d in docs] == ["001", "002_clutter"]
    assert "Hội đàm" in docs[1].text and docs[1].warnings
    assert not docs[0].warnings
    assert [Path(e.where).name for e in skipped] == ["003_binary.txt"]


def test_directory_of_only_unreadable_files_is_one_error(tmp_path):
    (tmp_path / "a.txt").write_text("...\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    with pytest.raises(InputError, match="no readable article in directory") as err:
        load_documents([tmp_path])
    assert err.value.where == str(tmp_path) and "a.txt" in err.value.problem and "b.txt" in err.value.problem


def test_a_named_clutter_only_file_is_kept_with_a_warning(tmp_path):
    (tmp_path / "a.txt").write_text("Tin liên quan\nĐọc thêm: Hội đàm\n", encoding="utf-8")
    (doc,) = load_documents([tmp_path / "a.txt"])
    assert doc.text == "Tin liên quan\nĐọc thêm: Hội đàm"
    assert doc.warnings == ("nothing would be left after cleaning; the text is kept as it came",)


def test_missing_path(tmp_path):
    with pytest.raises(InputError, match="no such file or directory"):
        load_documents([tmp_path / "khong-co"])


def test_duplicate_ids_get_suffix(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for d in ("a", "b"):
        (tmp_path / d / "bai.txt").write_text("Hai nước nhất trí tăng cường hợp tác.", encoding="utf-8")
    docs = load_documents([tmp_path / "a", tmp_path / "b" / "bai.txt"])
    assert [d.id for d in docs] == ["bai", "bai-2"]


def test_stdin(monkeypatch):
    data = "Hợp tác Việt - Lào\nHai nước nhất trí tăng cường kết nối giao thông.".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    [doc] = load_documents(["-"])
    assert doc.id == "stdin"
    assert doc.title == "Hợp tác Việt - Lào"


def test_every_file_a_directory_leaves_out_is_reported(tmp_path):
    """A PDF is read (its text layer, with pypdf); a scanned one and any other kind of file
    are each reported, never silently left out."""
    pytest.importorskip("pypdf")
    shutil.copy(min((FIXTURES / "seeds").glob("001_*.txt")), tmp_path / "001.txt")
    shutil.copy(FIXTURES / "pdf" / "da-nang-cau.pdf", tmp_path / "002.pdf")
    shutil.copy(FIXTURES / "pdf" / "scanned.pdf", tmp_path / "003_scan.pdf")
    (tmp_path / "004.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "ghi-chu.md").write_text("# Ghi chú", encoding="utf-8")
    skipped: list[InputError] = []
    docs = load_documents([tmp_path], on_skip=skipped.append)
    assert [d.id for d in docs] == ["001", "002"]
    assert "khánh thành cây cầu thứ bảy bắc qua sông Hàn" in docs[1].text  # a wrapped line joined
    reasons = {Path(e.where).name: e.problem for e in skipped}
    assert reasons == {
        "003_scan.pdf": "PDF without a text layer (a scanned page?): not read; run OCR on it first",
        "004.docx": "not a .txt, .html or .pdf file",
        "ghi-chu.md": "not a .txt, .html or .pdf file",
    }


def test_a_pdf_named_directly_is_read_and_a_broken_one_says_why(tmp_path):
    pytest.importorskip("pypdf")
    (doc,) = load_documents([FIXTURES / "pdf" / "da-nang-cau.pdf"])
    assert doc.source.endswith("da-nang-cau.pdf") and "1.200 tỷ đồng" in doc.text
    broken = tmp_path / "hong.pdf"
    broken.write_bytes(b"%PDF-1.7\nnot really a pdf")
    with pytest.raises(InputError) as err:
        load_documents([broken])
    assert err.value.where == str(broken) and err.value.problem.startswith("PDF cannot be read: ")
