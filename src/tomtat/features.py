"""Per-sentence features over a cluster: position, length, centrality, support, title/lead similarity.

``sentence_features(cluster)`` returns a matrix with one row per ``cluster.sentences`` entry and
one column per name in ``FEATURE_NAMES``. Both the unsupervised and the learned scorers read it.
"""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize as l2_normalize

from tomtat.models import Cluster
from tomtat.text.words import tokenize

FEATURE_NAMES = (
    "doc_position",
    "is_first_doc",
    "sentence_index",
    "relative_position",
    "is_lead",
    "n_syllables",
    "centroid_similarity",
    "doc_centroid_similarity",
    "title_similarity",
    "lead_similarity",
    "support",
    "max_other_similarity",
    "lexrank",
    "has_number",
)

SUPPORT_THRESHOLD = 0.3


def _identity(tokens):
    return tokens


def _vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(
        analyzer=_identity, sublinear_tf=True, norm="l2", dtype=np.float64
    )


def _lexrank(similarity: np.ndarray, damping: float = 0.85, iterations: int = 50) -> np.ndarray:
    """Power iteration over the row-normalised similarity graph (continuous LexRank)."""
    n = similarity.shape[0]
    weights = similarity.copy()
    np.fill_diagonal(weights, 0.0)
    row_sums = weights.sum(axis=1, keepdims=True)
    row_sums[row_sums == 0] = 1.0
    transition = weights / row_sums
    rank = np.full(n, 1.0 / n)
    for _ in range(iterations):
        rank = (1 - damping) / n + damping * transition.T @ rank
    return rank * n


def sentence_features(cluster: Cluster) -> np.ndarray:
    sentences = cluster.sentences
    n = len(sentences)
    docs = {doc.id: doc for doc in cluster.documents}
    extra_texts = []
    for doc in cluster.documents:
        extra_texts.append(tokenize(doc.title) if doc.title else ())
        extra_texts.append(tokenize(doc.lead) if doc.lead else ())
    corpus = [list(s.words) for s in sentences] + [list(t) for t in extra_texts]
    vectorizer = _vectorizer()
    try:
        matrix = vectorizer.fit_transform(corpus)
    except ValueError:  # no token at all
        return np.zeros((n, len(FEATURE_NAMES)))
    sent_matrix = matrix[:n]
    title_lead = matrix[n:]
    similarity = (sent_matrix @ sent_matrix.T).toarray()

    centroid = l2_normalize(np.asarray(sent_matrix.sum(axis=0)))
    centroid_sim = np.asarray(sent_matrix @ centroid.T).ravel()

    doc_ids = np.array([s.doc_id for s in sentences])
    counts = {doc_id: int((doc_ids == doc_id).sum()) for doc_id in docs}
    doc_centroid_sim = np.zeros(n)
    title_sim = np.zeros(n)
    lead_sim = np.zeros(n)
    for d, doc in enumerate(cluster.documents):
        rows = np.flatnonzero(doc_ids == doc.id)
        if rows.size == 0:
            continue
        doc_centroid = l2_normalize(np.asarray(sent_matrix[rows].sum(axis=0)))
        doc_centroid_sim[rows] = np.asarray(sent_matrix[rows] @ doc_centroid.T).ravel()
        title_sim[rows] = (sent_matrix[rows] @ title_lead[2 * d].T).toarray().ravel()
        lead_sim[rows] = (sent_matrix[rows] @ title_lead[2 * d + 1].T).toarray().ravel()

    support = np.zeros(n)
    max_other = np.zeros(n)
    for i, s in enumerate(sentences):
        other = doc_ids != s.doc_id
        if other.any():
            sims = similarity[i, other]
            max_other[i] = sims.max()
            # number of other documents holding a similar sentence
            support[i] = len(set(doc_ids[other][sims > SUPPORT_THRESHOLD]))

    features = np.zeros((n, len(FEATURE_NAMES)))
    for i, s in enumerate(sentences):
        features[i, :6] = (
            s.doc_position,
            float(s.doc_position == 0),
            s.index,
            s.index / max(1, counts[s.doc_id] - 1),
            float(s.index == 0),
            s.n_syllables,
        )
        features[i, 13] = float(any(ch.isdigit() for ch in s.text))
    features[:, 6] = centroid_sim
    features[:, 7] = doc_centroid_sim
    features[:, 8] = title_sim
    features[:, 9] = lead_sim
    features[:, 10] = support
    features[:, 11] = max_other
    features[:, 12] = _lexrank(similarity)
    return features
