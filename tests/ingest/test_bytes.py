"""Issue #20, "lose nothing, whatever the bytes": broken Unicode, legacy encodings, one writer
per output, blank lines, failed rows' exit status; each through the entry point a user calls."""

from __future__ import annotations

import fcntl
import json
import subprocess
import sys
from pathlib import Path

import pytest

import tomtat
from tomtat.text.encodings import (
    decode_cp1258,
    decode_tcvn3,
    decode_vni,
    encode_cp1258,
    encode_tcvn3,
    encode_vni,
    is_syllable,
)

# our own text: a flood in the Mekong delta (not from any corpus)
ARTICLE = (
    "Mưa lớn kéo dài ba ngày khiến nhiều tuyến đường ở thành phố Cần Thơ ngập sâu.\n"
    "Theo Sở Giao thông vận tải, hơn hai mươi tuyến phố bị ngập từ nửa mét đến một mét, "
    "hàng nghìn hộ dân phải di dời đồ đạc lên cao.\n"
    "Ông Trần Văn Hưởng, người dân quận Ninh Kiều, cho biết nước lên nhanh trong đêm nên gia đình "
    "không kịp trở tay.\n"
    "Chính quyền địa phương đã huy động lực lượng cứu hộ và xuồng máy để hỗ trợ người dân "
    "ở những khu vực trũng thấp.\n"
)
# TCVN3 has no byte for a capital letter with a tone (its documents set capitals in another font)
ARTICLE_TCVN3 = ARTICLE.replace("Ông", "ông")
CHEAP = ("--method", "lead", "--no-facts", "--no-timeline", "--max-words", "40")


def tomtat_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, "-m", "tomtat", *args], input=stdin, capture_output=True, timeout=300
    )
    done.stdout_text = done.stdout.decode("utf-8")
    done.stderr_text = done.stderr.decode("utf-8")
    return done


# ---------------------------------------------------------------- lone surrogates

HALF_EMOJI = "Người dân chia sẻ ảnh lũ \ud83d trên mạng xã hội."


def test_python_api_repairs_a_lone_surrogate_with_a_warning():
    doc = tomtat.to_documents([{"id": "lu\udc00", "text": ARTICLE + HALF_EMOJI}])[0]
    assert "\ud83d" not in doc.text and "\ufffd" in doc.text
    assert doc.id == "lu\ufffd"
    assert any("U+FFFD" in w and "text (1)" in w and "id (1)" in w for w in doc.warnings)
    summary = tomtat.summarize([doc], max_words=40)
    from tomtat.render import to_dict

    json.dumps(to_dict(summary), ensure_ascii=False).encode("utf-8")  # writable


def test_http_api_answers_200_for_a_lone_surrogate():
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from tomtat.web import create_app

    body = json.dumps({"documents": [{"title": "Ngập \ud83d", "text": ARTICLE + HALF_EMOJI}], "max_words": 40})
    with TestClient(create_app()) as client:
        answer = client.post("/v1/summarize", content=body, headers={"content-type": "application/json"})
        assert answer.status_code == 200, answer.text
        data = answer.json()
        assert "\ufffd" in json.dumps(data, ensure_ascii=False)
        assert any("U+FFFD" in w for d in data["documents"] for w in d.get("warnings", []))
        # an error message quoting the input is still an answer, not a 500
        twice = json.dumps({"documents": [{"id": "x\ud83d", "text": ARTICLE}, {"id": "x\ud83d", "text": ARTICLE}]})
        answer = client.post("/v1/summarize", content=twice, headers={"content-type": "application/json"})
        assert answer.status_code == 422, answer.text


def _batch_with_surrogates(tmp_path: Path) -> Path:
    rows = [
        {"id": "c1", "documents": [{"text": ARTICLE}]},
        {"id": "c2\ud83d", "documents": [{"title": "Ảnh \udc00", "text": ARTICLE + HALF_EMOJI}]},
        {"id": "c3", "documents": [{"text": ARTICLE}]},
    ]
    # json.dumps writes a lone surrogate as the escape "\ud83d", as JSON.stringify does
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return source


def test_batch_row_with_a_lone_surrogate_is_written_and_resume_finishes(tmp_path: Path):
    source = _batch_with_surrogates(tmp_path)
    out = tmp_path / "out.jsonl"
    done = tomtat_cli("summarize", "-i", str(source), "-o", str(out), "-j", "1", *CHEAP)
    assert done.returncode == 0, done.stderr_text
    assert "Traceback" not in done.stderr_text
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["c1", "c2\ufffd", "c3"]
    assert all("error" not in r for r in rows)
    whole = out.read_bytes()
    # killed after the odd row: --resume pairs it with its input line and finishes
    out.write_bytes(b"".join(whole.splitlines(keepends=True)[:2]))
    done = tomtat_cli("summarize", "-i", str(source), "-o", str(out), "--resume", "-j", "1", *CHEAP)
    assert done.returncode == 0, done.stderr_text
    assert "2 skipped" in done.stderr_text
    assert out.read_bytes() == whole


def test_cluster_input_with_a_lone_surrogate(tmp_path: Path):
    source = tmp_path / "articles.jsonl"
    rows = [{"id": "a\ud83d", "title": "Mưa lớn ở Cần Thơ", "text": ARTICLE + HALF_EMOJI},
            {"id": "b", "title": "Cần Thơ ngập sâu", "text": ARTICLE}]
    source.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    done = tomtat_cli("cluster", "--input", str(source), "-j", "1")
    assert done.returncode == 0, done.stderr_text
    assert "U+FFFD" in done.stderr_text  # the warning, on stderr
    assert done.stdout_text.strip()


def test_stdin_with_a_broken_utf8_sequence_is_repaired_with_a_warning():
    # a lone surrogate written by a lax encoder (WTF-8), in otherwise good UTF-8
    data = ARTICLE.encode("utf-8") + "Ảnh lũ ".encode("utf-8") + b"\xed\xa0\xbd" + " trên mạng.\n".encode("utf-8")
    done = tomtat_cli("summarize", "-", "-f", "text", "-w", "30", stdin=data)
    assert done.returncode == 0, done.stderr_text
    assert "not UTF-8 replaced by U+FFFD" in done.stderr_text
    assert "Cần Thơ" in done.stdout_text


def test_a_row_that_cannot_be_written_becomes_its_error_row(tmp_path: Path):
    from tomtat.jobs import run_job

    out = tmp_path / "out.jsonl"
    rows = [{"id": "a", "summary": "Được."}, {"id": "b\ud800", "summary": "Hỏng \ud800"}, {"id": "c", "summary": "Tốt."}]
    report = run_job(lambda done: iter(rows), out)
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in written] == ["a", "b\ufffd", "c"]
    assert "could not be written" in written[1]["error"]
    assert (report.ok, report.failed) == (2, 1)


# ---------------------------------------------------------------- legacy encodings

def test_legacy_tables_round_trip_real_vietnamese():
    assert decode_tcvn3(encode_tcvn3(ARTICLE_TCVN3)) == ARTICLE_TCVN3
    assert decode_vni(encode_vni(ARTICLE)) == ARTICLE
    assert decode_cp1258(encode_cp1258(ARTICLE)) == ARTICLE
    every = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
    assert decode_vni(encode_vni(every + every.upper())) == every + every.upper()
    assert decode_tcvn3(encode_tcvn3(every + "ĂÂĐÊÔƠƯ")) == every + "ĂÂĐÊÔƠƯ"
    assert decode_cp1258(encode_cp1258(every + every.upper())) == every + every.upper()
    # what the issue saw: these are the bytes' Windows-1252 look
    assert encode_tcvn3("Chuyến bay của hãng").decode("cp1252") == "ChuyÕn bay cña h·ng"
    assert encode_vni("Chuyến bay của hãng").decode("cp1252") == "Chuyeán bay cuûa haõng"


def test_syllables():
    assert all(map(is_syllable, ["Nguyễn", "khuỷu", "nghiêng", "GIỮ", "quyết", "ươn"]))
    assert not any(map(is_syllable, ["cña", "ChuyÕn", "Chuyeán", "cuûa", "Hµ", "Néi"]))


@pytest.mark.parametrize(
    "name, data",
    [
        ("Windows-1258", encode_cp1258(ARTICLE)),
        ("TCVN3 (ABC)", encode_tcvn3(ARTICLE_TCVN3)),
        ("VNI-Windows", encode_vni(ARTICLE)),
    ],
)
def test_a_legacy_file_is_converted_with_a_warning_naming_its_encoding(tmp_path: Path, name: str, data: bytes):
    path = tmp_path / "bai.txt"
    path.write_bytes(data)
    done = tomtat_cli("summarize", str(path), "-f", "json", "-w", "30")
    assert done.returncode == 0, done.stderr_text
    assert f"decoded as {name}" in done.stderr_text
    text = json.loads(done.stdout_text)["documents"][0]["text"]
    assert "thành phố Cần Thơ ngập sâu" in text and "người dân quận Ninh Kiều" in text


def test_utf16_without_bom_is_text(tmp_path: Path):
    for codec in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{codec}.txt"
        path.write_bytes(ARTICLE.encode(codec))
        done = tomtat_cli("summarize", str(path), "-f", "json", "-w", "30")
        assert done.returncode == 0, done.stderr_text
        assert "UTF-16" in done.stderr_text
        assert "thành phố Cần Thơ ngập sâu" in json.loads(done.stdout_text)["documents"][0]["text"]


@pytest.mark.parametrize("encode", [encode_tcvn3, encode_vni, encode_cp1258])
def test_mojibake_is_never_summarized_silently(encode):
    # legacy bytes read as Windows-1252 somewhere upstream, then given as Unicode text
    garbled = encode(ARTICLE_TCVN3).decode("cp1252", errors="replace")
    doc = tomtat.to_documents([{"text": garbled}])[0]
    assert any("mojibake" in w for w in doc.warnings), doc.warnings
    assert not any("mojibake" in w for w in tomtat.to_documents([{"text": ARTICLE}])[0].warnings)


def test_a_jsonl_line_in_tcvn3_names_the_encoding(tmp_path: Path):
    source = tmp_path / "in.jsonl"
    good = json.dumps({"id": "ok", "documents": [{"text": ARTICLE}]}, ensure_ascii=False).encode("utf-8")
    bad = encode_tcvn3(json.dumps({"id": "tcvn", "documents": [{"text": ARTICLE_TCVN3}]}, ensure_ascii=False))
    source.write_bytes(good + b"\n" + bad + b"\n")
    out = tmp_path / "out.jsonl"
    done = tomtat_cli("summarize", "-i", str(source), "-o", str(out), "-j", "1", *CHEAP)
    assert done.returncode == 3, done.stderr_text
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert "error" not in rows[0]
    assert "TCVN3 (ABC)" in rows[1]["error"] and "convert the file to UTF-8" in rows[1]["error"]


# ---------------------------------------------------------------- one writer, blank lines, exit status

def test_a_second_run_on_a_locked_output_gets_one_line(tmp_path: Path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "c1", "documents": [{"text": ARTICLE}]}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "c1", "summary": "đang ghi"}\n', encoding="utf-8")
    with open(out, "ab") as held:  # a first run holding the output
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        for extra in ((), ("--resume",)):
            done = tomtat_cli("summarize", "-i", str(source), "-o", str(out), "-j", "1", *extra, *CHEAP)
            assert done.returncode == 75, done.stderr_text
            lines = [line for line in done.stderr_text.splitlines() if line.strip()]
            assert len(lines) == 1 and "another tomtat run is writing" in lines[0]
        assert out.read_text(encoding="utf-8") == '{"id": "c1", "summary": "đang ghi"}\n'  # untouched
    done = tomtat_cli("summarize", "-i", str(source), "-o", str(out), "-j", "1", *CHEAP)
    assert done.returncode == 0, done.stderr_text


def test_blank_lines_are_counted_and_failed_rows_exit_3(tmp_path: Path):
    source = tmp_path / "in.jsonl"
    good = json.dumps({"id": "c1", "documents": [{"text": ARTICLE}]}, ensure_ascii=False)
    source.write_text(f"\n{good}\n   \n{{not json\n\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    done = tomtat_cli("summarize", "-i", str(source), "-o", str(out), "-j", "1", *CHEAP)
    assert done.returncode == 3, done.stderr_text
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["c1", "4"]
    assert "1 ok, 1 failed, 0 skipped, 3 blank lines in" in done.stderr_text


# ---------------------------------------------------------------- the server's header deadline

def test_a_connection_that_never_finishes_its_headers_is_closed():
    pytest.importorskip("uvicorn")
    import socket
    import threading
    import time

    import uvicorn

    from tomtat.web import create_app
    from tomtat.web.headers import header_timeout_protocol

    config = uvicorn.Config(create_app(), host="127.0.0.1", port=0, http=header_timeout_protocol(0.5),
                            log_level="error", lifespan="off")  # fmt: skip
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(200):
            if server.started:
                break
            time.sleep(0.05)
        port = server.servers[0].sockets[0].getsockname()[1]
        with socket.create_connection(("127.0.0.1", port), timeout=10) as slow:
            slow.sendall(b"GET /healthz HTTP/1.1\r\nHost: a")  # and never the rest
            slow.settimeout(10)
            assert slow.recv(1024) == b""  # closed by the server, long before 10 s
        with socket.create_connection(("127.0.0.1", port), timeout=10) as fine:
            fine.sendall(b"GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n")
            assert fine.recv(1024).startswith(b"HTTP/1.1 200")
    finally:
        server.should_exit = True
        thread.join(10)


# ---------------------------------------------------------------- impossible dates

def test_impossible_dates_are_marked_wherever_shown(tmp_path: Path):
    text = (
        "Ngày 29/2/2023, Công an tỉnh Nghệ An khởi tố vụ án buôn lậu gỗ quý qua biên giới.\n"
        "Hôm 31/4, cơ quan điều tra đã bắt giữ thêm hai đối tượng liên quan đến đường dây này.\n"
        "Ngày 15/3/2023, Viện kiểm sát phê chuẩn quyết định khởi tố bị can đối với bốn người.\n"
    )
    path = tmp_path / "go.txt"
    path.write_text(text, encoding="utf-8")
    data = json.loads(tomtat_cli("summarize", str(path), "-f", "json", "-w", "60").stdout_text)
    marks = {e["date_text"]: e["impossible_date"] for e in data["timeline"]}
    assert marks["Ngày 29/2/2023"] and marks["Hôm 31/4"] and not marks["Ngày 15/3/2023"]
    assert all(e["date"] is None for e in data["timeline"] if e["impossible_date"])
    shown = tomtat_cli("summarize", str(path), "-f", "text", "-w", "60").stdout_text
    assert "Ngày 29/2/2023 (ngày không có thật)" in shown
    assert "Hôm 31/4 (ngày không có thật)" in shown
    assert "15/3/2023 (ngày không có thật)" not in shown
