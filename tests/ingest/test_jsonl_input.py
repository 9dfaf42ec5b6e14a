import gzip
import json

import pytest

from tomtat.errors import InputError
from tomtat.ingest import ClusterInput, cluster_from_row, read_jsonl

ABMUSU = {
    "single_documents": [
        {
            "title": "Máy bay chở 180 hành khách phải quay đầu vì động cơ bốc cháy ",
            "anchor_text": "Động cơ của một chiếc máy bay từ Mexico bốc cháy ngay sau khi cất cánh. ",
            "raw_text": "Chuyến bay của hãng Viva Aerobus mang số hiệu VB518 có sức chứa 186 hành khách.\nMáy bay đã hạ cánh an toàn. Ảnh: Reuters\nKhông ai bị thương.",
        },
        {
            "title": "Mexico: Máy bay hạ cánh khẩn cấp",
            "anchor_text": "Một chiếc máy bay phải hạ cánh khẩn cấp.",
            "raw_text": "Theo RT, vài phút sau khi chiếc máy bay Airbus A320 cất cánh lúc 22h ngày 23/8, động cơ bốc cháy.",
        },
    ],
    "summary": "Máy bay   của hãng Viva Aerobus phải hạ cánh khẩn cấp.",
    "category": "Thế giới",
}
NEUTRAL = {
    "id": 42,
    "documents": [
        {"title": "Hợp tác Việt - Lào", "text": "Hai nước nhất trí tăng cường kết nối giao thông.", "date": "2024-04-22", "id": "vnx"},
        {"html": "<html><body><article><h1>Tin</h1><p>Thương mại song phương Việt - Lào trong quý I năm 2024 đạt 476,8 triệu USD, tăng 12% so với cùng kỳ 2023, theo Bộ Công Thương.</p></article></body></html>"},
    ],
    "reference": "Việt Nam và Lào tăng cường hợp tác.",
}


def test_abmusu_row():
    cluster = cluster_from_row(ABMUSU, 1, "val.jsonl")
    assert isinstance(cluster, ClusterInput)
    assert cluster.id == "1" and cluster.line == 1
    assert [d.id for d in cluster.documents] == ["d0", "d1"]
    first = cluster.documents[0]
    assert first.title == "Máy bay chở 180 hành khách phải quay đầu vì động cơ bốc cháy"
    assert first.lead == "Động cơ của một chiếc máy bay từ Mexico bốc cháy ngay sau khi cất cánh."
    assert first.text.split("\n") == [
        "Chuyến bay của hãng Viva Aerobus mang số hiệu VB518 có sức chứa 186 hành khách.",
        "Không ai bị thương.",
    ]
    assert cluster.reference == "Máy bay của hãng Viva Aerobus phải hạ cánh khẩn cấp."


def test_neutral_row():
    cluster = cluster_from_row(NEUTRAL, 7, "c.jsonl")
    assert cluster.id == "42"
    assert [d.id for d in cluster.documents] == ["vnx", "d1"]
    assert cluster.documents[0].date == "2024-04-22"
    assert "476,8 triệu USD" in cluster.documents[1].text
    assert cluster.reference == "Việt Nam và Lào tăng cường hợp tác."


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ({"documents": []}, "no documents in row"),
        ({"summary": "x"}, "no documents in row"),
        ({"documents": [{"title": "Chỉ có tiêu đề"}]}, "document 1: no text (give text or html)"),
        ({"documents": ["văn bản"]}, "document 1: not a JSON object"),
        ({"documents": [{"text": "Hai nước ký kết.", "date": "12/12/2023"}]}, "document 1: date: not an ISO date: "
         "'12/12/2023' (write YYYY-MM-DD, or a date-time like 2023-12-11T08:00:00+07:00)"),
        ({"documents": [{"id": "a", "text": "Một."}, {"id": "a", "text": "Hai."}]},
         "document 2: duplicate document id 'a' (also document 1)"),
    ],
)
def test_bad_rows(row, problem):
    with pytest.raises(InputError) as err:
        cluster_from_row(row, 3, "clusters.jsonl")
    assert str(err.value) == f"clusters.jsonl:3: {problem}"


def test_a_clutter_only_document_is_kept_and_flagged():
    # issue #10 item 4: an article cleaning would empty is kept with its text, not dropped
    cluster = cluster_from_row({"documents": [{"text": "Phiên bản di động"}]}, 3, "clusters.jsonl")
    (doc,) = cluster.documents
    assert doc.text == "Phiên bản di động"
    assert any("nothing would be left after cleaning" in w for w in doc.warnings)


def test_malformed_line_does_not_stop_iteration(tmp_path):
    path = tmp_path / "clusters.jsonl"
    path.write_text(
        json.dumps(ABMUSU, ensure_ascii=False) + "\n\n{not json\n" + json.dumps(NEUTRAL, ensure_ascii=False) + "\n" + "[]\n",
        encoding="utf-8",
    )
    items = list(read_jsonl(path))
    assert len(items) == 4
    assert isinstance(items[0], ClusterInput) and items[0].id == "1"
    assert isinstance(items[1], InputError)
    assert items[1].where == f"{path}:3" and items[1].problem.startswith("malformed JSON (")
    assert isinstance(items[2], ClusterInput) and items[2].id == "42" and items[2].line == 4
    assert isinstance(items[3], InputError) and items[3].where == f"{path}:5"


def test_gzip(tmp_path):
    path = tmp_path / "clusters.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write(json.dumps(NEUTRAL, ensure_ascii=False) + "\n")
    [cluster] = list(read_jsonl(path))
    assert cluster.id == "42"


def test_missing_jsonl(tmp_path):
    with pytest.raises(InputError, match="no such file or directory"):
        list(read_jsonl(tmp_path / "khong-co.jsonl"))


def test_one_bad_byte_costs_one_line_not_the_file(tmp_path):
    from tomtat.ingest import read_articles

    good = '{"id": "a", "text": "Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Hun Manet tại Hà Nội."}\n'
    path = tmp_path / "articles.jsonl"
    path.write_bytes(good.encode() + b'{"id": "b", "text": "caf\xe9"}\n' + good.replace('"a"', '"c"').encode())
    items = list(read_articles(path))
    assert [getattr(i, "id", None) for i in items] == ["a", None, "c"]
    assert isinstance(items[1], InputError) and items[1].line == 2 and "not UTF-8" in str(items[1])
