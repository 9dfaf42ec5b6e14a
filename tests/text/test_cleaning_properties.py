"""Property test (hypothesis) over cleaning and sentence splitting (issue #11 item 6):
real Vietnamese sentences, random clutter lines inserted, random line joins; every original
sentence survives cleaning, and a span of the splitter cuts out exactly that sentence."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tomtat.text import clean_article_report
from tomtat.text.sentences import split_sentences

# sentences of AbMuSu validation articles (30 clusters drawn at random, seed 3)
SENTENCES = [
    "Sở Giao dịch Chứng khoán TP.HCM (HoSE) vừa công bố quyết định đưa cổ phiếu Công ty Cổ phần Đầu tư và Công nghiệp Tân Tạo (Tân Tạo, mã ITA) vào diện cảnh báo.",
    "Năm 2020, số người mắc là hơn 26.000.",
    "Vấn đề bảo mật dữ liệu của công dân luôn được Bộ Công an đặt lên hàng đầu.",
    "Ngoài ra, Bắc Kinh cũng yêu cầu Washington ngừng các cuộc tiếp xúc quân sự với Đài Loan để tránh làm căng thẳng thêm trong khu vực.",
    "“HCS” là chỉ dấu cho thấy đây là tài liệu tình báo từ các điệp viên, nguồn tin của Cơ quan Tình báo Trung ương Mỹ (CIA).",
    "Nàng hậu cho rằng du lịch còn giúp ta hiểu thêm về nền văn hóa ẩm thực khi được thưởng thức những đặc sản tại mỗi quốc gia, vùng miền.",
    "Đây là một trong những địa phương nằm gần vùng tâm chấn và chịu ảnh hưởng bởi các trận động đất xảy ra trên địa bàn huyện Kon Plông.",
    "Có thể thấy, BLACKPINK đã rất cố gắng sắp xếp lịch trình xen kẽ giữa quảng bá Pink Venom và quay MV cho ca khúc chủ đề Born Pink.",
    "Tỉnh Bình Thuận đang thu hút đầu tư trên tất cả các lĩnh vực, ngành nghề.",
    "Bà nói, Bundeswehr phải có khả năng “đảm bảo” an ninh quốc gia và khu vực.",
    "XSMT thứ Hai hàng tuần được mở thưởng bởi 2 Công ty xổ số kiến thiết Thừa Thiên Huế và Phú Yên.",
    "Vào thời điểm trước và sau khi kết thúc kỳ nghỉ Lễ, lưu lượng phương tiện sẽ tăng cao trên các tuyến quốc lộ và các khu vực cửa ngõ ra vào thành phố.",
    "Khi nhận bào chữa cho anh Sang, tình trạng của anh rất khủng hoảng, mất niềm tin vào cơ quan bảo vệ pháp luật.",
    "Tổng thống Mỹ Joe Biden không úp mở khi tuyên bố rằng “Trung Quốc có kế hoạch tổng thể trở thành quốc gia hùng mạnh nhất thế giới và tôi sẽ không để điều đó xảy ra”.",
    "Triển lãm trưng bày, giới thiệu khoảng 300 hình ảnh; trên 500 tài liệu hiện vật và ấn phẩm tiêu biểu, với 3 chủ đề.",
    "Sau khi trích một phần cho đơn vị thu phí, toàn bộ nguồn thu sẽ được đầu tư các công trình hạ tầng giao thông xung quanh cảng.",
    "Tuy nhiên, phía Triều Tiên đã bác bỏ đề xuất này.",
    "Một ban lãnh đạo khẩn cấp đã được lập ra để điều hành đảng kể từ thời điểm đó.",
    "Chiều 30/8, Công an tỉnh Gia Lai đã tổ chức lễ công bố Quyết định của Bộ trưởng Bộ Công an về công tác cán bộ.",
]
# page furniture as pasted pages carry it, each on its own line
CLUTTER = [
    "Tin liên quan",
    "TIN BÀI LIÊN QUAN:",
    "Xem thêm: Giá vàng hôm nay tăng mạnh",
    "Đọc thêm: Hà Nội mưa lớn nhiều tuyến phố ngập sâu",
    "Ảnh: TTXVN",
    "(Ảnh minh họa)",
    "Nguồn: Tổng cục Thống kê",
    "Theo dõi Baoquocte.vn trên",
    "Phiên bản di động",
    "Chia sẻ",
    "Bình luận",
    "Từ khóa: kinh tế, đầu tư",
    "Mỹ thông qua đạo luật giảm lạm phát",
]


@st.composite
def pages(draw):
    chosen = draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=8, unique=True))
    lines: list[str] = []
    for sentence in chosen:
        if lines and lines[-1] not in CLUTTER and draw(st.booleans()):
            lines[-1] = lines[-1] + " " + sentence  # two sentences on one line
        else:
            lines.append(sentence)
        if draw(st.integers(0, 3)) == 0:
            lines.append(draw(st.sampled_from(CLUTTER)))
    if draw(st.booleans()):
        lines.insert(0, draw(st.sampled_from(CLUTTER)))
    return chosen, "\n".join(lines)


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(pages())
def test_every_sentence_survives_and_every_span_cuts_its_sentence(page):
    chosen, text = page
    body = clean_article_report(text, find_title=False).body
    spans = {body[a:b] for a, b in split_sentences(body)}
    for sentence in chosen:
        assert sentence in spans, (sentence, body)
    for a, b in split_sentences(body):
        assert body[a:b] == body[a:b].strip() and body[a:b]
