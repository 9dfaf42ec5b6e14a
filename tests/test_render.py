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
    assert text.startswith(demo_summary.sentences[0].text)
    assert text.index("Số liệu") < text.index("Diễn biến")
    timeline = text.split("Diễn biến:")[1].strip().splitlines()
    # the 11/12 talks are reported by two outlets but listed once, with both sources counted
    talks = [line for line in timeline if "11/12" in line.split(":")[0]]
    assert len(talks) == 1 and "(2 nguồn)" in talks[0]
    # a range shows both ends: "quý I năm 2024" is January to March, not January
    quarter = [line for line in timeline if "quý I năm 2024" in line]
    assert quarter and all(line.startswith("- 2024-01 – 2024-03: ") for line in quarter)


def test_markdown_names_each_sentence_source(demo_summary):
    markdown = render(demo_summary, "markdown")
    titles = {d.id: d.title or d.id for d in demo_summary.cluster.documents}
    for sentence in demo_summary.sentences:
        assert f"- {sentence.text} _[{titles[sentence.doc_id]}, câu {sentence.index + 1}]_" in markdown
