"""Photo captions in Vietnamese outlets' markup leave before extraction (issue #20).

Small hand-made pages in each outlet's photo/caption pattern; the article text is our own."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import tomtat

PARAGRAPHS = [
    "Sáng 14/3, Ủy ban nhân dân tỉnh Quảng Nam khánh thành cây cầu mới bắc qua sông Thu Bồn, "
    "nối hai huyện Duy Xuyên và Đại Lộc sau hai năm thi công.",
    "Cây cầu dài hơn 600 mét, rộng 12 mét, có tổng vốn đầu tư khoảng 350 tỷ đồng từ ngân sách "
    "tỉnh và nguồn vốn trung ương hỗ trợ.",
    "Theo ông Lê Văn Dũng, Phó chủ tịch tỉnh, công trình giúp người dân hai bên bờ không còn "
    "phải đi đò qua sông trong mùa mưa lũ.",
    "Nhiều người dân địa phương đã có mặt từ sớm để chứng kiến lễ khánh thành và đi bộ qua cầu "
    "trong niềm vui phấn khởi.",
]
CAPTION = "Người dân đi bộ qua cầu mới trong ngày khánh thành sáng 14/3"
CREDIT = "Ảnh: Minh Tuấn"

BLOCKS = {
    "vnexpress": f'<table class="tplCaption" align="center"><tbody><tr><td><img src="a.jpg" alt=""></td></tr>'
    f'<tr><td><p class="Image">{CAPTION}. {CREDIT}</p></td></tr></tbody></table>',
    "tuoitre": f'<div type="Photo" class="VCSortableInPreviewMode"><div><img src="a.jpg"></div>'
    f'<div class="PhotoCMS_Caption"><p data-placeholder="[nhập chú thích]">{CAPTION} - {CREDIT}</p></div></div>',
    "thanhnien": f'<figure class="picture"><img src="a.jpg"><figcaption><p>{CAPTION}</p>'
    f'<div class="photo-author">{CREDIT}</div></figcaption></figure>',
    "dantri": f'<figure class="image align-center"><img src="a.jpg" alt="cau">'
    f'<figcaption><p>{CAPTION} ({CREDIT}).</p></figcaption></figure>',
    "vietnamnet": f'<figure class="image vnn-content-image"><img src="a.jpg"><figcaption>{CAPTION}. {CREDIT}</figcaption></figure>',
    "znews": f'<table class="picture" align="center"><tbody><tr><td class="pic"><img src="a.jpg"></td></tr>'
    f'<tr><td class="pCaption caption">{CAPTION}. {CREDIT}</td></tr></tbody></table>',
    "baochinhphu": f'<div type="Photo"><div><img src="a.jpg"></div><div class="PhotoCMS_Caption">'
    f"<p>{CAPTION}. {CREDIT}</p></div></div>",
    "vietnamplus": f'<div class="article-photo"><img src="a.jpg"><span class="caption">{CAPTION}. ({CREDIT}/TTXVN)</span></div>',
    "baoquocte": f'<figure class="image"><img src="a.jpg"><figcaption><em>{CAPTION}. {CREDIT}</em></figcaption></figure>',
}


def page(block: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2]) + block + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:])
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Khánh thành cầu mới qua sông Thu Bồn</title>'
        '</head><body><header><nav>Trang chủ</nav></header><article><h1>Khánh thành cầu mới qua sông Thu Bồn</h1>'
        f"{body}</article><footer>Bản quyền</footer></body></html>"
    )


@pytest.mark.parametrize("outlet", sorted(BLOCKS))
def test_outlet_caption_markup_leaves_before_extraction(outlet: str):
    doc = tomtat.to_documents([{"html": page(BLOCKS[outlet])}])[0]
    assert "Người dân đi bộ qua cầu mới" not in doc.text
    assert "|" not in doc.text
    assert any(reason == "caption" and "Người dân đi bộ qua cầu mới" in text for text, reason in doc.removed)
    for paragraph in PARAGRAPHS:  # the article, whole
        assert paragraph in doc.text


def test_a_long_block_with_a_caption_class_is_kept():
    long_block = '<div class="caption">' + " ".join(PARAGRAPHS * 2) + "</div>"
    doc = tomtat.to_documents([{"html": page(long_block)}])[0]
    assert "nối hai huyện Duy Xuyên" in doc.text
    assert not [t for t, r in doc.removed if r == "caption" and "Duy Xuyên" in t]


def test_page_file_through_the_cli(tmp_path: Path):
    path = tmp_path / "cau.html"
    path.write_text(page(BLOCKS["vnexpress"]), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "tomtat", "summarize", str(path), "-f", "json", "-w", "200"],
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert "Người dân đi bộ qua cầu mới" not in " ".join(s["text"] for s in data["sentences"])
    assert "Người dân đi bộ qua cầu mới" not in data["documents"][0]["text"]
