"""Stage: cleaned documents -> a Cluster of sentences with offsets and syllables."""

from __future__ import annotations

from collections.abc import Sequence

from tomtat.errors import InputError
from tomtat.models import Cluster, Document, Sentence
from tomtat.text.sentences import split_sentences
from tomtat.text.words import syllables


def build_cluster(documents: Sequence[Document], cluster_id: str = "0") -> Cluster:
    """Split every document into sentences and their syllables.

    Word segmentation (a sequence model, the slowest stage) is left to the stages that need
    words: named entities and facts.

    Raises InputError when there is no document or no sentence at all.
    """
    if not documents:
        raise InputError("empty cluster: no documents", where=f"cluster {cluster_id}")
    sentences: list[Sentence] = []
    for position, doc in enumerate(documents):
        for index, (start, end) in enumerate(split_sentences(doc.text)):
            text = doc.text[start:end]
            sentences.append(
                Sentence(
                    doc_id=doc.id,
                    doc_position=position,
                    index=index,
                    start=start,
                    end=end,
                    text=text,
                    words=tuple(syllables(text)),
                )
            )
    if not sentences:
        raise InputError("no sentences in any document", where=f"cluster {cluster_id}")
    return Cluster(id=str(cluster_id), documents=tuple(documents), sentences=tuple(sentences))
