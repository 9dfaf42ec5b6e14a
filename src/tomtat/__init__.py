"""tomtat: multi-document summaries of Vietnamese news, every sentence traced to its source.

>>> from tomtat import summarize
>>> summary = summarize(["Bài báo thứ nhất ...", "Bài báo thứ hai ..."], max_words=100)
>>> print(summary.text)
"""

from __future__ import annotations

from tomtat.errors import ConfigError, InputError, TomtatError
from tomtat.models import Cluster, Document, Sentence, Summary
from tomtat.options import SummarizeOptions
from tomtat.summarize import DocumentLike, summarize, to_documents

__version__ = "0.1.0"

__all__ = [
    "Cluster",
    "ConfigError",
    "Document",
    "DocumentLike",
    "InputError",
    "Sentence",
    "Summary",
    "SummarizeOptions",
    "TomtatError",
    "summarize",
    "to_documents",
]
