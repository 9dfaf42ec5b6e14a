"""The one message catalogue (tomtat.i18n): the shipped .mo is the .po, every help text and
library message a user meets has its Vietnamese, and messages built with f-strings translate."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest

from tomtat.i18n import LOCALE_DIR, _, language_from_env, localize, translate, use_language

PO = LOCALE_DIR / "vi" / "LC_MESSAGES" / "tomtat.po"
MO = PO.with_suffix(".mo")


def _po_messages() -> dict[str, str]:
    babel = pytest.importorskip("babel.messages.pofile")
    with PO.open("rb") as f:
        catalog = babel.read_po(f, locale="vi")
    return {m.id: m.string for m in catalog if m.id}


def test_the_shipped_mo_is_the_po():
    """Run ``python scripts/compile_messages.py`` after editing the .po."""
    with MO.open("rb") as f:
        shipped = {k: v for k, v in gettext.GNUTranslations(f)._catalog.items() if k}
    assert shipped == _po_messages()


def test_every_entry_is_translated_and_keeps_its_fields():
    import re

    for msgid, msgstr in _po_messages().items():
        assert msgstr, msgid
        assert sorted(re.findall(r"\{(\w+)\}", msgid)) == sorted(re.findall(r"\{(\w+)\}", msgstr)), msgid


def test_every_help_text_of_the_cli_has_its_vietnamese():
    from typer.main import get_command

    from tomtat.cli import app

    messages = _po_messages()
    missing = []

    def walk(command) -> None:
        for text in [command.help, *(p.help for p in command.params)]:
            if text and text not in messages:
                missing.append(text)
        for sub in getattr(command, "commands", {}).values():
            walk(sub)

    walk(get_command(app))
    assert missing == []


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({"LANG": "vi_VN.UTF-8"}, "vi"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
        ({"LANG": "vi_VN.UTF-8", "LC_ALL": "C.UTF-8"}, "en"),  # LC_ALL first, as gettext reads
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "vi_VN"}, "vi"),
        ({"LC_ALL": "", "LANG": "vi"}, "vi"),  # an empty variable does not count
    ],
)
def test_the_language_follows_the_locale(environ, language):
    assert language_from_env(environ) == language


def test_messages_built_with_fields_translate_with_their_values():
    with use_language("vi"):
        assert translate("no sentence fits the budget of 5 syllables") == "không câu nào vừa độ dài 5 tiếng"
        assert translate("unknown method 'foo'; choose one of: learned, centroid, lead") == (
            "không có phương pháp 'foo'; chọn một trong: learned, centroid, lead"
        )
        # nested places, 1-based as the user counts, file names untouched
        assert translate("in.jsonl:3: document 2: duplicate document id 'a' (also document 1)") == (
            "in.jsonl:3: bài 2: trùng mã bài 'a' (đã có ở bài 1)"
        )
        assert translate("tin-2.txt: empty: not one letter or digit") == (
            "tin-2.txt: trống: không có chữ cái hay chữ số nào"
        )
        # a message with no entry stays as it is, whole
        assert translate("a message nobody wrote down") == "a message nobody wrote down"
        assert _("tomtat: error: {message}", message="x") == "tomtat: lỗi: x"
    with use_language("en"):
        assert translate("no sentence fits the budget of 5 syllables") == "no sentence fits the budget of 5 syllables"


def test_document_warnings_translate(tmp_path: Path):
    from tomtat.ingest import document_from_text

    english = (
        "The city council approved the new bridge on Monday after a long debate. Construction "
        "will start next spring and take two years. The mayor said the bridge would cut travel "
        "times across the river by half, while critics worried about its cost."
    )
    doc = document_from_text(english, id="x")
    clutter = document_from_text("Tin liên quan\nĐọc thêm: Hội đàm\n", id="y")
    with use_language("vi"):
        assert translate(doc.warnings[-1]).startswith("có vẻ không phải tiếng Việt (chỉ 0% số từ")
        assert translate(clutter.warnings[0]) == "làm sạch sẽ không còn gì; giữ nguyên văn bản như khi nhận"


def test_an_error_localizes_with_its_place():
    from tomtat.errors import InputError

    err = InputError("binary file, not text", where="anh.txt")
    with use_language("vi"):
        assert localize(err) == "anh.txt: tệp nhị phân, không phải văn bản"
    assert localize(err) == "anh.txt: binary file, not text"
