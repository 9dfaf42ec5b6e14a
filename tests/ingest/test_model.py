"""One input model validated once at ingest (issue #11 item 3): dates, fields, duplicate ids."""

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

import tomtat
from tomtat.errors import InputError
from tomtat.ingest import parse_date, read_articles, read_jsonl
from tomtat.ingest.html import document_from_html, page_date

A = "Ngày 22/8, Bộ trưởng Công nghiệp Hàn Quốc cho biết Seoul sẽ xem xét khiếu nại lên WTO về đạo luật mới của Mỹ."
B = "Các hãng sản xuất xe lớn của Hàn Quốc, trong đó có Hyundai Motor và Kia, bày tỏ quan ngại về đạo luật trên."


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2023-12-11", "2023-12-11"),
        ("2023-12-11T08:00:00+07:00", "2023-12-11"),  # the day where it was written, not UTC's
        ("2023-12-11T23:30:00Z", "2023-12-11"),
        ("2023-12-11 08:00", "2023-12-11"),
        (dt.date(2024, 7, 11), "2024-07-11"),
        ("", None),
        (None, None),
    ],
)
def test_iso_dates_and_date_times_are_read(value, iso):
    assert parse_date(value) == iso


@pytest.mark.parametrize("value", ["12/12/2023", "hôm qua", "2023-13-45", "9999-12-31", "2023"])
def test_anything_else_is_an_error(value):
    with pytest.raises(ValueError):
        parse_date(value)


def test_the_python_api_names_the_document_and_the_field():
    with pytest.raises(InputError) as err:
        tomtat.to_documents([{"text": A}, {"text": B, "date": "12/12/2023"}])
    assert str(err.value).startswith("document 2: date: not an ISO date: '12/12/2023'")
    docs = tomtat.to_documents([{"text": A, "date": "2023-12-11T08:00:00+07:00"}])
    assert docs[0].date == "2023-12-11"


def test_a_documents_date_is_checked_too():
    with pytest.raises(InputError, match="date"):
        tomtat.to_documents([tomtat.Document(id="x", text=A, date="hôm qua")])


def test_a_document_is_checked_once_when_made_then_trusted():
    with pytest.raises(InputError) as err:
        tomtat.Document(id="bài-2", text=B, date="11/12/2023")
    assert str(err.value).startswith("document 'bài-2': date: not an ISO date: '11/12/2023'")
    doc = tomtat.Document(id="bài-1", text=A, date="2023-12-11T08:00:00+07:00")
    assert doc.date == "2023-12-11"  # the day as written where it was written
    (same,) = tomtat.to_documents([doc])
    assert same is doc  # summarize() takes a Document as it is: not read again


def test_one_duplicate_id_rule():
    # a given id must be unique
    with pytest.raises(InputError, match="duplicate document id 'x' \\(also document 1\\)"):
        tomtat.to_documents([{"id": "x", "text": A}, {"id": "x", "text": B}])
    # a made id that is taken gets a suffix
    docs = tomtat.to_documents([{"text": A}, {"id": "d0", "text": B}])
    assert [d.id for d in docs] == ["d0-2", "d0"]


def test_a_bad_date_in_a_batch_is_that_rows_error(tmp_path):
    path = tmp_path / "clusters.jsonl"
    rows = [
        {"documents": [{"text": A, "date": "2023-12-11"}]},
        {"documents": [{"text": A, "date": "11/12/2023"}]},
        {"documents": [{"text": B}]},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    items = list(read_jsonl(path))
    assert items[0].documents[0].date == "2023-12-11"
    assert isinstance(items[1], InputError) and "document 1: date: not an ISO date" in str(items[1])
    assert items[2].documents[0].text == B


def test_a_repeated_id_in_a_pile_is_that_lines_error(tmp_path):
    path = tmp_path / "articles.jsonl"
    rows = [{"id": "x", "text": A}, {"text": B}, {"id": "x", "text": B}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    items = list(read_articles(path))
    assert [getattr(i, "id", None) for i in items] == ["x", "a2", None]
    assert str(items[2]) == f"{path}:3: duplicate document id 'x' (first on line 1)"


def test_cluster_with_repeated_ids_writes_every_event_once(tmp_path):
    path = tmp_path / "articles.jsonl"
    rows = [{"id": "x", "text": A}, {"id": "x", "text": B}, {"id": "y", "text": B}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "events.jsonl"
    result = subprocess.run(
        [sys.executable, "-m", "tomtat.cli", "cluster", "--input", str(path), "-o", str(out)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    ids = [a for line in out.read_text(encoding="utf-8").splitlines() for a in json.loads(line)["articles"]]
    assert sorted(ids) == ["x", "y"]
    assert "articles.jsonl:2: duplicate document id 'x'" in result.stderr


PAGE = """<!doctype html><html><head><title>Tưởng niệm</title>{meta}</head><body><article>
<h1>Hai nước kỷ niệm ngày chiến thắng</h1>
<p>Lễ kỷ niệm (7/1/1979 - 7/1/2024) diễn ra trọng thể tại Phnom Penh với sự tham dự của nhiều lãnh đạo hai nước.</p>
<p>Năm 2022, hai nước đã tổ chức nhiều hoạt động giao lưu hữu nghị giữa thanh niên và nhân dân các địa phương.</p>
</article></body></html>"""


def test_html_dates_come_from_metadata_never_the_body():
    bare = PAGE.format(meta="")
    assert page_date(bare) is None
    assert document_from_html(bare, id="p").date is None
    dated = PAGE.format(meta='<meta property="article:published_time" content="2024-01-07T09:30:00+07:00">')
    assert document_from_html(dated, id="p").date == "2024-01-07"
    assert document_from_html(dated, id="p", date="2024-01-08").date == "2024-01-08"  # the caller wins
