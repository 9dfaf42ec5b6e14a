"""The demo cluster (examples/demo) as Documents and a Cluster, for the facts/timeline/events tests.

Uses ``tomtat.ingest.load_documents`` and ``tomtat.pipeline.build_cluster`` when they exist;
until then a small stand-in restores the word-segmented files and splits sentences.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from tomtat.models import Cluster, Document, Sentence

DEMO_DIR = Path(__file__).resolve().parents[1] / "examples" / "demo"
DEMO_PATHS = tuple(sorted(DEMO_DIR.glob("*.txt")))


def _restore(text: str) -> str:
    """Undo word segmentation: ``Phạm_Minh_Chính ngày 17/12 ,`` -> ``Phạm Minh Chính ngày 17/12,``."""
    text = text.replace("_", " ")
    text = re.sub(r"\s+([,.;:!?)%])", r"\1", text)
    text = re.sub(r"([(])\s+", r"\1", text)
    text = re.sub(r"(\d)\s*([/-])\s*(\d)", r"\1\2\3", text)
    text = re.sub(r'"\s+([^"]*?)\s+"', r'"\1"', text)
    return text


def _stand_in_documents() -> list[Document]:
    docs = []
    for path in DEMO_PATHS:
        raw = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        if " , " in raw or "_" in raw:
            raw = _restore(raw)
        cut = raw.find("Xin cảm ơn Bộ trưởng.")  # the 003 page's trailing related-article list
        if cut > 0:
            raw = raw[: cut + len("Xin cảm ơn Bộ trưởng.")]
        lines = [ln.strip() for ln in raw.splitlines()]
        lines = [ln for ln in lines if ln and not ln.startswith(("Theo dõi", "Tin liên quan"))]
        docs.append(Document(id=path.stem, text="\n".join(lines), source=str(path)))
    return docs


def _stand_in_cluster(documents: Sequence[Document], cluster_id: str = "0") -> Cluster:
    from underthesea import sent_tokenize

    sentences = []
    for position, doc in enumerate(documents):
        cursor = 0
        index = 0
        for line in doc.text.split("\n"):
            for piece in sent_tokenize(line):
                start = doc.text.find(piece, cursor)
                if start < 0:
                    continue
                end = start + len(piece)
                cursor = end
                sentences.append(Sentence(doc.id, position, index, start, end, piece))
                index += 1
    return Cluster(cluster_id, tuple(documents), tuple(sentences))


def demo_documents() -> list[Document]:
    try:
        from tomtat.ingest import load_documents
    except ImportError:
        return _stand_in_documents()
    return list(load_documents(DEMO_PATHS))


def make_cluster(documents: Sequence[Document], cluster_id: str = "0") -> Cluster:
    try:
        from tomtat.pipeline import build_cluster
    except ImportError:
        return _stand_in_cluster(documents, cluster_id)
    return build_cluster(documents, cluster_id)


def demo_cluster() -> Cluster:
    return make_cluster(demo_documents())
