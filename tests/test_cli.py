"""The tomtat command, run as a user runs it."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SEGMENTED = (
    "Việt_Nam - Campuchia phấn_đấu tăng gấp đôi kim_ngạch thương_mại Thủ_tướng Việt_Nam và "
    "Campuchia đề_xuất hai nước phấn_đấu đạt kim_ngạch thương_mại 20 tỷ USD trong thời_gian tới , "
    "từ mức hơn 10 tỷ USD năm 2022 . Trong cuộc hội_đàm sáng 11/12 , Thủ_tướng Phạm_Minh_Chính "
    "nhấn_mạnh quan_hệ láng_giềng tốt_đẹp giữa hai nước .\n"
)
RAW = (
    "Ngày 11/12, Thủ tướng Phạm Minh Chính đã hội đàm với Thủ tướng Hun Manet.\n"
    "Thương mại hai chiều tăng trưởng trung bình hơn 20% trong giai đoạn 2015-2022 "
    "và vượt 10 tỷ USD vào năm 2022.\n"
)


def tomtat(*args: str, stdin: str | None = None, lang: str | None = None) -> subprocess.CompletedProcess:
    """Run the command; ``lang``: the LANG it runs under (no LC_ALL/LC_MESSAGES), else the
    tests' English locale (conftest)."""
    env = None
    if lang is not None:
        env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
        env["LANG"] = lang
    return subprocess.run(
        [sys.executable, "-m", "tomtat", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def test_directory_to_json(demo_dir):
    result = tomtat("summarize", str(demo_dir), "--format", "json", "--max-words", "120")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"id", "summary", "sentences", "documents"}
    assert sum(len(s["text"].split()) for s in data["sentences"]) <= 120
    texts = {d["id"]: d["text"] for d in data["documents"]}
    for s in data["sentences"]:
        assert texts[s["doc"]][s["start"] : s["end"]] == s["text"]


def test_files_and_markdown(tmp_path: Path):
    (tmp_path / "a.txt").write_text(SEGMENTED, encoding="utf-8")
    (tmp_path / "b.txt").write_text(RAW, encoding="utf-8")
    result = tomtat("summarize", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-f", "markdown")
    assert result.returncode == 0, result.stderr
    assert re.match(r"## Tóm tắt \(\d+ tiếng\)\n", result.stdout)  # the budget's one unit
    assert "_" not in result.stdout.split("###")[0].replace("_[", "").replace("]_", "")


def test_stdin():
    result = tomtat("summarize", "-", "--max-sentences", "1", "--no-facts", "--no-timeline", stdin=RAW)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() in RAW.replace("\n", " ")


def test_batch_keeps_going_past_bad_rows(tmp_path: Path):
    good = {"id": "story-1", "documents": [{"title": "Hội đàm", "text": RAW}, {"text": SEGMENTED}]}
    abmusu = {
        "single_documents": [{"title": "Hội đàm", "anchor_text": "", "raw_text": RAW}],
        "summary": "Hai Thủ tướng hội đàm.",
    }
    lines = [json.dumps(good, ensure_ascii=False), "{not json", json.dumps({"documents": []}),
             json.dumps(abmusu, ensure_ascii=False)]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = tomtat("summarize", "--input", str(tmp_path / "in.jsonl"), "--output", str(out), "-j", "2")
    assert result.returncode == 3, result.stderr  # some rows failed (ROWS_FAILED)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 4
    assert rows[0]["id"] == "story-1" and "summary" in rows[0]
    assert "error" in rows[1] and "in.jsonl:2" in rows[1]["error"]
    assert "error" in rows[2]
    assert rows[3]["id"] == "4" and rows[3]["summary"]
    assert "2 ok, 2 failed" in result.stderr


@pytest.mark.parametrize(
    "make, problem",
    [
        (lambda p: p.write_bytes(b""), "empty"),
        (lambda p: p.write_bytes(bytes(range(256)) * 8), "binary"),
    ],
)
def test_bad_file_gives_one_line_and_nonzero_exit(tmp_path: Path, make, problem):
    path = tmp_path / "bad.txt"
    make(path)
    result = tomtat("summarize", str(path))
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "bad.txt" in lines[0] and problem in lines[0]
    assert "Traceback" not in result.stderr


def test_missing_file_and_unknown_method(tmp_path: Path):
    result = tomtat("summarize", str(tmp_path / "nope.txt"))
    assert result.returncode != 0 and "nope.txt" in result.stderr and "Traceback" not in result.stderr
    result = tomtat("summarize", "-", "--method", "magic", stdin=RAW)
    assert result.returncode != 0 and "unknown method" in result.stderr


def test_cluster_groups_the_demo_into_its_four_events(demo_dir):
    result = tomtat("cluster", str(demo_dir))
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    groups = sorted(sorted(a[:3] for a in e["articles"]) for e in events)
    assert groups == [["000"], ["001"], ["002", "004"], ["003"]]
    assert all(e["summary"] and e["title"] for e in events)
    assert "5 articles in 4 events" in result.stderr


def test_cluster_reads_articles_jsonl_and_skips_bad_lines(tmp_path: Path):
    lines = [
        json.dumps({"id": "x1", "title": "Hội đàm", "text": RAW}, ensure_ascii=False),
        "[1, 2",
        json.dumps({"title": "Kim ngạch", "text": SEGMENTED}, ensure_ascii=False),
    ]
    (tmp_path / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "events.jsonl"
    result = tomtat("cluster", "--input", str(tmp_path / "articles.jsonl"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(a for e in events for a in e["articles"]) == ["a3", "x1"]
    assert "articles.jsonl:2" in result.stderr and "1 line skipped" in result.stderr


def test_a_directory_keeps_a_clutter_only_file_and_warns(tmp_path: Path):
    # issue #10 item 4: an article cleaning would empty is kept with its text and flagged
    (tmp_path / "a.txt").write_text(RAW, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SEGMENTED, encoding="utf-8")
    (tmp_path / "c.txt").write_text("Tin liên quan\nPhiên bản di động\n", encoding="utf-8")
    result = tomtat("summarize", str(tmp_path), "-f", "json", "--no-facts")
    assert result.returncode == 0, result.stderr
    documents = json.loads(result.stdout)["documents"]
    assert [d["id"] for d in documents] == ["a", "b", "c"]
    assert documents[2]["warnings"] == ["nothing would be left after cleaning; the text is kept as it came"]
    assert "tomtat: warning: " in result.stderr and "c.txt: nothing would be left after cleaning" in result.stderr
    result = tomtat("cluster", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "3 articles" in result.stderr and "0 files skipped" in result.stderr


def test_an_output_that_cannot_be_written_is_one_line(tmp_path: Path):
    for command in (["summarize", "-"], ["cluster", "-"]):
        result = tomtat(*command, "-o", str(tmp_path / "no" / "such" / "dir.txt"), stdin=RAW)
        assert result.returncode != 0
        assert "cannot write" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "flags, named",
    [
        (["--resume", "--engine", "dask", "--fail-fast"], "--engine, --resume, --fail-fast only apply"),
        (["-j", "2"], "--workers only applies"),
        (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler only applies"),
        (["--batch-size", "4"], "--batch-size only applies"),
    ],
)
def test_batch_flags_without_input_are_one_clear_error(tmp_path: Path, flags, named):
    (tmp_path / "a.txt").write_text(RAW, encoding="utf-8")
    result = tomtat("summarize", str(tmp_path / "a.txt"), *flags)
    assert result.returncode == 2
    assert result.stderr.strip() == f"tomtat: error: {named} to a batch: add --input FILE.jsonl"
    assert result.stdout == ""


@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_a_batch_in_another_format_than_json_is_one_clear_error(tmp_path: Path, fmt):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "x", "documents": [{"text": RAW}]}, ensure_ascii=False) + "\n")
    out = tmp_path / "out.jsonl"
    result = tomtat("summarize", "--input", str(source), "-f", fmt, "-o", str(out))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"tomtat: error: --format {fmt} is for one cluster; a batch (--input) writes JSON lines"
    )
    assert not out.exists()
    as_json = tomtat("summarize", "--input", str(source), "-f", "json", "-j", "1", "-q")
    assert as_json.returncode == 0 and json.loads(as_json.stdout)["id"] == "x"


def test_one_cluster_still_takes_output_and_quiet(tmp_path: Path):
    (tmp_path / "a.txt").write_text(RAW, encoding="utf-8")
    out = tmp_path / "tom-tat.txt"
    result = tomtat("summarize", str(tmp_path / "a.txt"), "-o", str(out), "-q", "--no-facts")
    assert result.returncode == 0, result.stderr
    assert "Thủ tướng Phạm Minh Chính" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["summarize", "cluster", "serve", "eval"])
def test_help_shows_switches_as_switches(command):
    result = tomtat(command, "--help")
    assert result.returncode == 0, result.stderr
    assert "<bool>" not in result.stdout and "BOOLEAN" not in result.stdout
    switches = {"summarize": ["--no-facts", "--resume", "--fail-fast", "--quiet"],
                "cluster": [], "serve": ["--allow-url-fetch"], "eval": ["--json"]}[command]
    lines = result.stdout.splitlines()
    for switch in [*switches, "--help"]:
        [line] = [line for line in lines if re.match(rf"\s*(-\w, )?{switch}\s", line)]
        assert re.match(rf"\s*(-\w, )?{switch}\s{{2,}}[A-Z]", line), line  # then its help text


def test_messages_on_stderr_carry_no_control_characters(tmp_path: Path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "x\\u001b]0;pwned\\u0007y\\nz", "documents": []}\n', encoding="utf-8")
    result = tomtat("summarize", "--input", str(source), "-j", "1", "-o", str(tmp_path / "o.jsonl"))
    assert result.returncode == 3, result.stderr  # ROWS_FAILED
    assert not [c for c in result.stderr if ord(c) < 32 and c != "\n"]
    assert f"tomtat: row xy z: {source}:1: no documents in row" in result.stderr.splitlines()
    row = json.loads((tmp_path / "o.jsonl").read_text(encoding="utf-8"))
    assert row["id"] == "x\x1b]0;pwned\x07y\nz"  # the data itself is kept as given


def test_no_story_gives_one_flat_summary_of_a_pile_of_events(demo_dir):
    told = json.loads(tomtat("summarize", str(demo_dir), "-f", "json", "--no-facts", "--no-timeline").stdout)
    flat = tomtat("summarize", str(demo_dir), "-f", "json", "--no-facts", "--no-timeline", "--no-story")
    assert flat.returncode == 0, flat.stderr
    flat = json.loads(flat.stdout)
    assert len(told["events"]) >= 2 and flat["events"] == []
    assert flat["sentences"] and flat["sentences"] != told["sentences"]


# ---- language: the locale's, or --lang; every error one line ---------------------------


def test_the_cli_speaks_vietnamese_under_a_vietnamese_locale_and_english_under_c(tmp_path: Path):
    missing = str(tmp_path / "khong-co.txt")
    vi = tomtat("summarize", missing, lang="vi_VN.UTF-8")
    assert vi.returncode == 2 and vi.stderr == f"tomtat: lỗi: {missing}: không có tệp hay thư mục này\n"
    en = tomtat("summarize", missing, lang="C.UTF-8")
    assert en.returncode == 2 and en.stderr == f"tomtat: error: {missing}: no such file or directory\n"
    # --lang wins over the locale, either way
    assert tomtat("summarize", missing, "--lang", "en", lang="vi_VN.UTF-8").stderr == en.stderr
    assert tomtat("summarize", "--lang=vi", missing, lang="C.UTF-8").stderr == vi.stderr
    # the summary itself does not change with the language of messages
    out_vi = tomtat("summarize", "-", "--no-facts", "-f", "json", stdin=RAW, lang="vi_VN.UTF-8")
    out_en = tomtat("summarize", "-", "--no-facts", "-f", "json", stdin=RAW, lang="C.UTF-8")
    assert out_vi.returncode == 0 and out_vi.stdout == out_en.stdout


@pytest.mark.parametrize(
    "args, english, vietnamese",
    [
        (["-w", "0"], "--max-words: Input should be greater than or equal to 1", "--max-words: phải lớn hơn hoặc bằng 1"),
        (["-w", "nhiều"], "--max-words: ", "--max-words: phải là một số nguyên"),
        (["-f", "md"], "--format: choose one of: text, markdown, json", "--format: chọn một trong: text, markdown, json"),
        (["--bogus"], "no such option: --bogus", "không có tùy chọn --bogus"),
        (["-m", "foo"], "unknown method 'foo'; choose one of: ", "không có phương pháp 'foo'; chọn một trong: "),
        (["--lang", "fr"], "--lang: choose one of: vi, en", "--lang: chọn một trong: vi, en"),
    ],
)
def test_every_argument_error_is_tomtats_one_line(tmp_path: Path, args, english, vietnamese):
    (tmp_path / "a.txt").write_text(RAW, encoding="utf-8")
    for lang, prefix, problem in (
        ("C.UTF-8", "tomtat: error: ", english),
        ("vi_VN.UTF-8", "tomtat: lỗi: ", vietnamese),
    ):
        result = tomtat("summarize", str(tmp_path / "a.txt"), *args, lang=lang)
        assert result.returncode == 2 and result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith(prefix + problem), lines
        assert "Usage:" not in result.stderr and "Traceback" not in result.stderr


def test_a_missing_option_and_an_unknown_command_are_one_line():
    missing = tomtat("eval", lang="C.UTF-8")
    assert missing.returncode == 2
    assert missing.stderr == "tomtat: error: missing option --data; see tomtat eval --help\n"
    unknown = tomtat("tom-tat", lang="vi_VN.UTF-8")
    assert unknown.returncode == 2 and unknown.stderr.startswith("tomtat: lỗi: không có lệnh 'tom-tat'")


def test_help_names_the_inputs_and_the_budget_unit_in_both_languages():
    en = tomtat("summarize", "--help", lang="C.UTF-8").stdout
    assert "<list[str]>" not in en and "Usage: tomtat summarize [OPTIONS] [INPUT]..." in en
    assert "Length budget in syllables (tiếng" in " ".join(en.split())
    assert "--lang vi|en" in en
    vi = tomtat("summarize", "--help", lang="vi_VN.UTF-8").stdout
    assert "Độ dài tối đa, tính bằng tiếng" in " ".join(vi.split())
    assert "Tóm tắt một cụm bài" in vi


def test_every_skipped_file_of_a_directory_gets_a_line(tmp_path: Path):
    pytest.importorskip("pypdf")
    fixtures = Path(__file__).resolve().parent / "fixtures" / "pdf"
    (tmp_path / "a.txt").write_text(RAW, encoding="utf-8")
    shutil.copy(fixtures / "da-nang-cau.pdf", tmp_path / "b.pdf")
    shutil.copy(fixtures / "scanned.pdf", tmp_path / "c.pdf")
    (tmp_path / "d.docx").write_bytes(b"PK\x03\x04")
    result = tomtat("summarize", str(tmp_path), "-f", "json", "--no-facts", lang="C.UTF-8")
    assert result.returncode == 0, result.stderr
    assert [d["id"] for d in json.loads(result.stdout)["documents"]] == ["a", "b"]
    lines = result.stderr.splitlines()
    scanned = "PDF without a text layer (a scanned page?): not read; run OCR on it first"
    assert f"tomtat: skipped {tmp_path / 'c.pdf'}: {scanned}" in lines
    assert f"tomtat: skipped {tmp_path / 'd.docx'}: not a .txt, .html or .pdf file" in lines
    vi = tomtat("cluster", str(tmp_path), lang="vi_VN.UTF-8")
    assert vi.returncode == 0, vi.stderr
    assert f"tomtat: bỏ qua {tmp_path / 'd.docx'}: không phải tệp .txt, .html hay .pdf" in vi.stderr.splitlines()
    assert re.search(r"^2 bài trong \d+ sự kiện, bỏ qua 2 tệp$", vi.stderr, re.M)


def test_a_batch_speaks_the_locale_on_stderr_and_keeps_its_rows_as_data(tmp_path: Path):
    lines = [
        json.dumps({"id": "a", "documents": [{"text": RAW}]}, ensure_ascii=False),
        json.dumps({"documents": [{"text": RAW}, {"text": 7}]}),
    ]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    vi = tomtat("summarize", "--input", str(tmp_path / "in.jsonl"), "-o", str(out), "-j", "1", lang="vi_VN.UTF-8")
    assert vi.returncode == 3, vi.stderr  # every row written, one of them an error row
    assert f"tomtat: hàng 2: {tmp_path / 'in.jsonl'}:2: bài 2: text: phải là một chuỗi văn bản" in vi.stderr
    assert re.search(r"^1 xong, 1 lỗi, 0 bỏ qua, trong [\d.]+ giây$", vi.stderr, re.M)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows[1] == {"id": "2", "error": f"{tmp_path / 'in.jsonl'}:2: document 2: text: Input should be a valid string"}
