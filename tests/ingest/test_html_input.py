from pathlib import Path

import pytest

from tomtat.errors import InputError
from tomtat.ingest import document_from_html, read_file, read_html_file

PAGE = Path(__file__).parents[1] / "fixtures" / "article.html"


@pytest.fixture(scope="module")
def doc():
    return read_html_file(PAGE)


def test_metadata(doc):
    assert doc.id == "article"
    assert doc.title == "Việt - Lào nhất trí tăng cường kết nối giao thông"
    assert doc.date == "2024-04-22"
    assert doc.source == str(PAGE)


def test_article_paragraphs_kept(doc):
    lines = doc.text.split("\n")
    assert lines[0].startswith("Thủ tướng Phạm Minh Chính và Thủ tướng Lào Sonexay Siphandone nhấn mạnh")
    assert "Thương mại song phương Việt - Lào trong quý I năm 2024 đạt 476,8 triệu USD, tăng 12% so với cùng kỳ 2023." in lines
    assert lines[-1].startswith("Việt Nam hiện có 245 dự án đầu tư tại Lào")
    assert doc.title not in lines  # the <h1> is not repeated in the body


def test_page_clutter_removed(doc):
    for junk in ("Trang chủ", "Tin liên quan", "gấp đôi kim ngạch", "Đọc thêm", "Thanh Danh", "Theo dõi", "Giấy phép"):
        assert junk not in doc.text


def test_read_file_dispatches_html():
    assert read_file(PAGE).text == read_html_file(PAGE).text


def test_page_with_only_navigation_is_kept_and_flagged():
    doc = document_from_html("<html><body><nav><a href='/'>Trang chủ</a></nav></body></html>", id="x")
    assert doc.text == "Trang chủ" and doc.warnings


def test_page_without_any_text():
    with pytest.raises(InputError):
        document_from_html("<html><body><nav></nav></body></html>", id="x")
