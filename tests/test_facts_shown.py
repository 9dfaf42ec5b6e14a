"""What a reader is shown of the facts (issue #18): real quantities only, each with its role
and direction, one fact a quantity, conflicts only for one measured thing, names and dates
kept off the short list unless sure. Inputs written for these tests, not taken from the gold."""

from tomtat.date_roles import date_role
from tomtat.facts import extract_facts, find_figures
from tomtat.models import Document
from tomtat.pipeline import build_cluster
from tomtat.render import short_list
from tomtat.timeline import find_dates


def _cluster(*texts: str):
    return build_cluster([Document(id=f"d{i}", text=t) for i, t in enumerate(texts)])


def _values(text: str) -> set[str]:
    return {f.value for f in find_figures(text)}


def test_numbers_in_names_codes_ranks_scores_and_dates_are_not_figures():
    assert _values("Công an phường 3 để truy tìm người lái xe bỏ chạy.") == set()
    assert _values("Hệ thống radar AN/TPQ-50 do Mỹ sản xuất đã được chuyển giao.") == set()
    assert _values("Số ca mắc Covid-19 là rất thấp trong tháng này.") == set()
    assert _values("Em là sinh viên năm 3 của Trường Đại học Bách khoa.") == set()
    assert _values("Trận hòa 1-1 trước Thái Lan khiến đội tuyển mất ngôi đầu.") == set()
    assert _values("Cả 2 quyết định đều bị hủy sau khi dư luận phản đối.") == set()
    assert _values("Xe khách đi trên quốc lộ 14 thì gặp nạn, tài xế chạy vào tổ 5.") == set()
    assert _values("Nhà máy nhiệt điện Vĩnh Tân 4 gặp sự cố kéo dài.") == set()
    assert _values("Vụ cháy khiến 12 người bị thương, 3 người tử vong.") == {"12 người", "3 người"}


def test_each_figure_has_its_role_and_direction():
    figures = {f.value: f for f in find_figures(
        "Doanh thu quý này đạt 120 tỷ đồng, giảm 8,5% so với mức 131 tỷ đồng của cùng kỳ, "
        "và công ty dự kiến đạt 500 tỷ đồng cả năm."
    )}
    assert figures["120 tỷ đồng"].role == "current"
    assert (figures["8,5%"].role, figures["8,5%"].direction) == ("current", "giảm")
    assert figures["131 tỷ đồng"].role == "earlier"
    assert figures["500 tỷ đồng"].role == "forecast"
    fine = find_figures("Nếu vi phạm, chủ xe có thể bị phạt 6 triệu đồng.")
    assert [f.role for f in fine] == ["hypothetical"]
    ranged = {f.value: f.role for f in find_figures("Giá thuê dao động 5-7 triệu đồng mỗi tháng.")}
    assert ranged == {"7 triệu đồng": "range"}


def test_one_quantity_written_two_ways_is_one_fact():
    facts = extract_facts(_cluster(
        "Đoạn đê bị sạt lở dài 2000 m ở xã Tân Phú.",
        "Theo UBND huyện, đoạn đê sạt lở dài 2.000 m, đe dọa hàng trăm hộ dân.",
        "Đoạn đê dài 2 km đã được gia cố tạm thời.",
    ))
    lengths = [f for f in facts if f.kind == "count"]
    assert len(lengths) == 1 and lengths[0].n_documents == 3


def test_a_conflict_is_one_measured_thing_given_differently_and_says_who_gives_what():
    facts = extract_facts(_cluster(
        "Vụ cháy quán karaoke ở Bình Dương năm 2022 khiến 17 người tử vong.",
        "Vụ cháy quán karaoke ở Bình Dương năm 2022 khiến 20 người tử vong.",
    ))
    flagged = {f.value: f for f in facts if f.conflict}
    assert set(flagged) == {"17 người", "20 người"}
    assert flagged["17 người"].conflict_with == (("20 người", ("d1",)),)
    # parts and their whole are no conflict: 3 + 1 = 4 fire engines
    facts = extract_facts(_cluster(
        "Cảnh sát huy động 3 xe chữa cháy của quận và 1 xe chữa cháy của thành phố tới hiện trường ở Hà Nội.",
        "Tổng cộng 4 xe chữa cháy đã có mặt ở hiện trường ở Hà Nội.",
    ))
    assert not any(f.conflict for f in facts)


def test_the_short_list_shows_only_sure_items():
    facts = extract_facts(_cluster(
        "Chiều 5/3, ông Nguyễn Văn Hùng (45 tuổi, trú huyện Thanh Oai) bị Công an huyện Thanh Oai bắt giữ. "
        "Cơ quan chức năng thu giữ 12 kg ma túy đá. Số tiền là 300 triệu đồng.",
    ))
    shown = {f.value for f in short_list(facts)}
    assert "12 kg" in shown and "Nguyễn Văn Hùng" in shown
    assert "45 tuổi" not in shown  # an age: its subject is rarely what it measures
    assert "300 triệu đồng" not in shown  # "số tiền" says nothing of what is paid
    assert all(0.0 <= f.confidence <= 1.0 for f in facts)


def test_text_that_is_not_vietnamese_gets_no_facts():
    english = (
        "Vietnam's exports rose to 10 billion USD in May, up 12 percent from a year earlier, "
        "the General Statistics Office said, while Prime Minister Pham Minh Chinh met 300 investors."
    )
    assert extract_facts(_cluster(english)) == ()


def _role(text: str) -> list[tuple[str, str]]:
    return [(m.text, date_role(text, m.start, m.end)) for m in find_dates(text)]


def test_each_date_has_its_role():
    assert _role("Bà Lan sinh năm 1982 tại Nam Định.") == [("năm 1982", "birth")]
    assert _role("Doanh thu tăng 20% so với cùng kỳ năm 2021.") == [("năm 2021", "comparison")]
    assert _role("Theo Luật Đất đai năm 2013, đất này thuộc nhà nước.") == [("năm 2013", "name")]
    assert _role("Thành phố phấn đấu đạt trung hòa carbon đến năm 2050.") == [("năm 2050", "forecast")]
    assert _role("Giá vé được bán từ ngày 3/4 đến ngày 9/4 tại quầy.") == [
        ("từ ngày 3/4", "period"), ("đến ngày 9/4", "period")
    ]
    assert _role("Ngày 12/6, hai xe tải va chạm trên cao tốc.") == [("Ngày 12/6", "event")]


def test_the_shown_timeline_holds_sure_event_days_only():
    from tomtat import summarize
    from tomtat.render import timeline_entries

    summary = summarize([
        "Ngày 12/6/2023, hai xe tải va chạm trên cao tốc Trung Lương, làm 3 người bị thương. "
        "Năm 2022, tuyến cao tốc này ghi nhận 45 vụ tai nạn. "
        "Tài xế Nguyễn Văn An (sinh năm 1980) đã được đưa đi cấp cứu. "
        "Theo kế hoạch, đến năm 2025 tuyến đường sẽ được mở rộng."
    ], max_words=120)
    roles = {e.date_text: e.role for e in summary.timeline}
    assert roles["Ngày 12/6/2023"] == "event" and roles["năm 1980"] == "birth"
    assert roles["Năm 2022"] == "period" and roles["năm 2025"] == "forecast"
    assert [x["event"].date_text for x in timeline_entries(summary)] == ["Ngày 12/6/2023"]
    assert all(0.0 <= e.confidence <= 1.0 for e in summary.timeline)
