"""Text and Markdown output carry no terminal escapes or control characters from the input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tomtat.render import strip_control

ESCAPED = (
    "Việt Nam và Campuchia \x1b]0;pwned\x07tăng thương mại\n"
    "Ngày 11/12, Thủ tướng Phạm Minh Chính \x1b]2;tiêu đề\x1b\\đã hội đàm với Thủ tướng Hun "
    "Manet.\x1b[2J Thương mại hai chiều tăng trưởng trung bình hơn 20% trong giai đoạn "
    "2015-2022 và vượt \x1b[31m10 tỷ USD\x1b[0m vào năm 2022.\r\n"
    "Hai bên nhất trí\x08\x08 phấn đấu đạt kim ngạch 20 tỷ USD\x9b6n trong thời gian tới.\n"
)


def controls(text: str) -> list[str]:
    return [c for c in text if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F]


@pytest.mark.parametrize(
    "raw, shown",
    [
        ("a\x1b]0;title\x07b", "ab"),  # OSC ended by BEL
        ("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b", "alinkb"),  # OSC 8 hyperlink, ended by ST
        ("\x1b[1;31mđỏ\x1b[0m", "đỏ"),  # CSI colours
        ("dòng 1\r\ndòng 2\tcột", "dòng 1\ndòng 2\tcột"),  # tab and newline stay
        ("x\x00y\x7fz\x9bw", "xyzw"),  # NUL, DEL, a C1 control
        ("đầu \x1b]0;không kết thúc\nHà Nội", "đầu ]0;không kết thúc\nHà Nội"),  # no end: text kept
    ],
)
def test_strip_control(raw: str, shown: str):
    assert strip_control(raw) == shown


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_text_and_markdown_output_carry_no_control_characters(tmp_path: Path, fmt: str):
    path = tmp_path / "bai.txt"
    path.write_text(ESCAPED, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "tomtat", "summarize", str(path), "-f", fmt, "--max-words", "80"],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert controls(result.stdout) == []
    for words in ("đã hội đàm với Thủ tướng Hun Manet", "vượt 10 tỷ USD vào năm 2022"):
        assert words in result.stdout


def test_json_output_keeps_the_text_its_offsets_point_into(tmp_path: Path):
    path = tmp_path / "bai.txt"
    path.write_text(ESCAPED, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "tomtat", "summarize", str(path), "-f", "json", "--max-words", "80"],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert [c for c in controls(result.stdout) if ord(c) < 0x7F] == []  # JSON escapes C0 itself
    data = json.loads(result.stdout)
    texts = {d["id"]: d["text"] for d in data["documents"]}
    for sentence in data["sentences"]:
        assert texts[sentence["doc"]][sentence["start"] : sentence["end"]] == sentence["text"]


def test_ingest_drops_escape_sequences_so_no_fact_or_sentence_carries_them():
    from tomtat import summarize

    text = (
        "\x1b]0;pwned\x07Hà Nội ngày 11/12, Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Campuchia "
        "Hun Manet.\x1b[31m Hai bên nhất trí nâng kim ngạch thương mại lên 20 tỷ USD.\x1b[0m"
    )
    summary = summarize([text], max_words=100)
    doc = summary.cluster.documents[0]
    assert "\x1b" not in doc.text and "pwned" not in doc.text and "\x07" not in doc.text
    assert "Hun Manet" in summary.text and "20 tỷ USD" in summary.text
    assert all(s.text == doc.text[s.start : s.end] for s in summary.sentences)
