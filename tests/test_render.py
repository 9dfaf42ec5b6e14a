import json

from tomtat.render import render, to_dict


def test_json_round_trips_and_carries_provenance(demo_summary):
    data = json.loads(render(demo_summary, "json"))
    assert data == json.loads(json.dumps(to_dict(demo_summary), ensure_ascii=False))
    assert data["summary"] == " ".join(s["text"] for s in data["sentences"])
    doc_ids = {d["id"] for d in data["documents"]}
    assert all(s["doc"] in doc_ids for s in data["sentences"])
    for fact in data["facts"]:
        assert fact["sources"] and all(src["doc"] in doc_ids for src in fact["sources"])
    for event in data["timeline"]:
        assert event["sentence"]["doc"] in doc_ids


def test_text_shows_summary_then_facts_then_one_line_a_date(demo_summary):
    text = render(demo_summary, "text")
    first = demo_summary.events[0]
    assert text.startswith(f"11/12/2023 (năm suy ra) — {first.sentences[0].text}")
    assert text.index("Số liệu") < text.index("Diễn biến")
    timeline = text.split("Diễn biến:")[1].strip().splitlines()
    assert len(timeline) <= 13  # twelve dates and a line saying how many more the JSON holds
    # the 11/12 talks are reported by two outlets but listed once, with both sources counted
    talks = [line for line in timeline if line.startswith("- 2023-12-11 ")]
    assert len(talks) == 1 and "(2 nguồn)" in talks[0] and "(2023, suy ra)" in talks[0]
    # the four events of the pile are kept among the twelve, each with its date
    for day in ("2023-12-11", "2023-12-17", "2024-04-22", "2024-07-11"):
        assert any(line.startswith(f"- {day}") for line in timeline), day
    # a range shows both ends: "ngày 15-18/12" is the 15th to the 18th, not the 15th
    visit = [line for line in timeline if "ngày 15-18/12" in line]
    assert visit and all(line.startswith("- 2023-12-15 – 2023-12-18 ") for line in visit)
    # "trong quý I năm 2024" frames a figure (a period): it stays in the JSON, not on the list
    assert not [line for line in timeline if "quý I năm 2024" in line]
    assert timeline[-1].startswith("- (thêm ") and len(demo_summary.timeline) > 12


def test_markdown_names_each_sentence_source(demo_summary):
    markdown = render(demo_summary, "markdown")
    titles = {d.id: d.title or d.id for d in demo_summary.cluster.documents}
    for sentence in demo_summary.sentences:
        assert f"{sentence.text} _[{titles[sentence.doc_id]}, câu {sentence.index + 1}]_" in markdown
    assert "- **17/12/2023 (năm suy ra) —** " in markdown


def test_a_one_event_summary_reads_as_one_paragraph_without_dates():
    from tomtat import summarize

    text = (
        "Sáng 5/6, mưa lớn kéo dài gây ngập nhiều tuyến phố ở TP HCM. "
        "Nhiều xe máy chết máy giữa đường Nguyễn Hữu Cảnh khi nước dâng cao nửa mét. "
        "Trung tâm chống ngập cho biết lượng mưa đo được tại quận 1 lên tới 80 mm."
    )
    summary = summarize([text], max_words=40, options=None)
    assert summary.events == ()
    rendered = render(summary, "text")
    assert rendered.startswith(summary.text) and " — " not in rendered.split("\n")[0]
    markdown = render(summary, "markdown")
    assert all(f"- {s.text} _[" in markdown for s in summary.sentences)


def test_json_keeps_every_timeline_entry_and_says_which_are_shown(demo_summary):
    data = to_dict(demo_summary)
    shown = data["timeline_shown"]
    assert len(data["timeline"]) > len(shown) and len(shown) <= 12
    hidden = data["timeline_dates"] - len(shown)
    assert hidden > 0 and f"(thêm {hidden} mốc khác trong bản JSON)" in render(demo_summary, "text")
    # the shown timeline holds event dates only; the others keep their role in the JSON
    assert all(e["role"] == "event" for e in shown)
    quarter = [e for e in data["timeline"] if e["date_text"].endswith("quý I năm 2024")]
    assert quarter and all(e["role"] == "period" and e["date"] == "2024-01" for e in quarter)
    all_entries = {(e["sentence"]["doc"], e["sentence"]["index"], e["date_text"]) for e in data["timeline"]}
    assert all((e["sentence"]["doc"], e["sentence"]["index"], e["date_text"]) in all_entries for e in shown)
    assert [e["date"] for e in data["events"]] == ["2023-12-11", "2023-12-17", "2024-04-22", "2024-07-11"]
    assert all(e["evidence"] and e["evidence_text"] for e in data["events"])
