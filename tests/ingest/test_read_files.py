import codecs
import shutil
import unicodedata
from pathlib import Path

import pytest

from tomtat.errors import InputError
from tomtat.ingest import read_file, read_text_file

SEEDS = Path(__file__).parents[1] / "fixtures" / "seeds"
ARTICLE = "Hợp tác Việt - Lào\nHai nước nhất trí tăng cường kết nối giao thông và hợp tác quốc phòng."


def test_segmented_seed(tmp_path):
    src = next(SEEDS.glob("000_*.txt"))
    doc = read_text_file(src)
    assert doc.id == "000_d353bd5cddb5f2e7"
    assert doc.source == str(src)
    assert doc.title == "Việt Nam, Lào, Campuchia sẽ tăng kết nối kinh tế"
    assert doc.text.startswith("Thủ tướng Việt Nam, Lào, Campuchia nhất trí tăng hợp tác an ninh")


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("utf-8"),
        lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
        lambda s: s.encode("utf-16"),  # with BOM
        lambda s: unicodedata.normalize("NFD", s).encode("utf-8"),
    ],
)
def test_encodings(tmp_path, encode):
    path = tmp_path / "bai.txt"
    path.write_bytes(encode(ARTICLE))
    doc = read_file(path)
    assert doc.title == "Hợp tác Việt - Lào"
    assert doc.text == "Hai nước nhất trí tăng cường kết nối giao thông và hợp tác quốc phòng."


def _cp1258(text: str) -> bytes:
    """Windows-1258 keeps tone marks as combining characters after the base letter."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in text:
        d = unicodedata.normalize("NFD", ch)
        out.append(unicodedata.normalize("NFC", "".join(c for c in d if c not in tones)) + "".join(c for c in d if c in tones))
    return "".join(out).encode("cp1258")


def test_cp1258_fallback(tmp_path):
    path = tmp_path / "cu.txt"
    body = " ".join(["Hai nước nhất trí tăng cường kết nối giao thông và hợp tác quốc phòng."] * 4)
    path.write_bytes(_cp1258("Hợp tác Việt - Lào\n" + body))
    doc = read_file(path)
    assert doc.title == "Hợp tác Việt - Lào"
    assert doc.text.startswith("Hai nước nhất trí tăng cường")


def test_binary_file(tmp_path):
    path = tmp_path / "anh.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    with pytest.raises(InputError, match="binary file, not text") as err:
        read_file(path)
    assert err.value.where == str(path)


def test_control_bytes_without_nul_are_binary(tmp_path):
    path = tmp_path / "rac.txt"
    path.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 200)
    with pytest.raises(InputError, match="binary file"):
        read_file(path)


@pytest.mark.parametrize("content", [b"", b"  \n\t\n  "])
def test_empty_file(tmp_path, content):
    path = tmp_path / "rong.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match="rong.txt: empty: not one letter or digit"):
        read_file(path)


def test_nothing_left_after_cleaning_keeps_the_text_and_warns(tmp_path):
    path = tmp_path / "rac.txt"
    path.write_text("Theo dõi Baoquocte.vn trên\nPhiên bản di động\n", encoding="utf-8")
    doc = read_file(path)
    assert doc.text == "Theo dõi Baoquocte.vn trên\nPhiên bản di động"
    assert doc.warnings == ("nothing would be left after cleaning; the text is kept as it came",)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file or directory"):
        read_file(tmp_path / "khong-co.txt")


def test_html_content_in_txt_is_sniffed(tmp_path):
    src = Path(__file__).parents[1] / "fixtures" / "article.html"
    path = tmp_path / "trang.txt"
    shutil.copy(src, path)
    doc = read_file(path)
    assert doc.title == "Việt - Lào nhất trí tăng cường kết nối giao thông"
    assert "<p>" not in doc.text
