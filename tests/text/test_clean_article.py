import unicodedata
from pathlib import Path

from tomtat.text import clean_article

SEEDS = Path(__file__).parents[1] / "fixtures" / "seeds"


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def test_segmented_article():
    title, body = clean_article(seed("002"))
    assert title == "Việt Nam - Campuchia phấn đấu tăng gấp đôi kim ngạch thương mại"
    assert body.startswith("Thủ tướng Việt Nam và Campuchia đề xuất hai nước phấn đấu đạt kim ngạch thương mại 20 tỷ USD")
    assert "_" not in body and " ," not in body and " ." not in body
    assert "Ảnh" not in body
    assert '"láng giềng tốt đẹp, hữu nghị truyền thống, hợp tác toàn diện, bền vững lâu dài"' in body


def test_pasted_page():
    title, body = clean_article(seed("003"))
    assert title == "Dấu mốc cho giai đoạn phát triển mới giữa Việt Nam với Lào và Campuchia, cũng như giữa ba nước"
    lines = body.split("\n")
    assert lines[0].startswith("Bộ trưởng Ngoại giao Bùi Thanh Sơn nhấn mạnh")
    assert lines[-1] == "Xin cảm ơn Bộ trưởng."
    assert all(ln.strip() == ln and ln for ln in lines)


def test_no_title_when_first_line_is_a_sentence():
    raw = "Ngày 11/12, Thủ tướng Phạm Minh Chính đã hội đàm với Thủ tướng Hun Manet.\nHai bên nhất trí tăng cường hợp tác."
    assert clean_article(raw) == ("", raw)


def test_find_title_off_keeps_first_line():
    raw = "TS Trịnh Thu Tuyết: Rà soát lại kiến thức cơ bản\nChỉ còn vài ngày nữa là kỳ thi bắt đầu."
    assert clean_article(raw, find_title=False) == ("", raw)


def test_nfd_and_old_tones_cleaned():
    raw = unicodedata.normalize("NFD", "Hoà bình và thuỷ lợi\nHai nước cam kết giữ hoà bình, ổn định.")
    title, body = clean_article(raw)
    assert title == "Hòa bình và thủy lợi"
    assert body == "Hai nước cam kết giữ hòa bình, ổn định."


def test_stray_bullets_and_punctuation_lines_dropped():
    raw = "Tình hình chiến sự\n. Theo hãng tin Ukrinform, giao tranh tiếp diễn.\n...\nHai bên đàm phán."
    assert clean_article(raw) == ("Tình hình chiến sự", "Theo hãng tin Ukrinform, giao tranh tiếp diễn.\nHai bên đàm phán.")
