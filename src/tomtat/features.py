"""Per-sentence features over a cluster, for the unsupervised and the learned scorers.

``sentence_features(cluster)`` returns a float matrix with one row per ``cluster.sentences``
entry and one column per name in ``FEATURE_NAMES``; it is finite for any cluster. Each stage
below returns its columns by name (``feature_columns``) and the matrix stacks them in
``FEATURE_NAMES`` order: a column is never addressed by its position.

Two vector spaces are fitted within the cluster (no vocabulary file is shipped): TF-IDF over
syllables (``Sentence.words``) and TF-IDF over syllable unigrams + bigrams (the units ROUGE
counts). No word segmentation: it would cost more time than all the features together. Each
document's *lead* is its sapo (``Document.lead``). A document without one has an empty lead and
zero lead features: using its first sentence (or first paragraph) as a stand-in lead was
measured and lost ROUGE-2 on AbMuSu with the sapos removed (train CV 37.6 -> 36.5) or moved into
the text (32.9 -> 32.4).

Memory: the term matrices stay sparse; the one dense sentence x sentence matrix is built over at
most ``MAX_CANDIDATES`` sentences (``candidate_sentences``): the summarizers score the rest of a
very large cluster by position only (see ``tomtat.summarizers.base``).

Outlets write differently (sentence lengths, how many sentences an article has, how much the
articles of a cluster overlap), so beside the raw values the model sees *relative* ones: the
z-score and the rank of a value within its cluster, and the cluster's own shape (article
count, overlap) crossed with the position and centrality columns.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable

import numpy as np
from scipy import sparse
from scipy.stats import rankdata
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize as l2_normalize

from tomtat.models import Cluster, Document, Sentence
from tomtat.text.sentences import sentences as split_text
from tomtat.text.words import bigram_set, syllables, unigrams_and_bigrams

MAX_CANDIDATES = 1000  # sentences that get features; the rest of a cluster is scored by position

_BASE_NAMES = (
    # position and length
    "doc_position", "is_first_doc", "n_documents", "doc_relative_position",
    "sentence_index", "inverse_index", "relative_position", "is_lead", "doc_sentences",
    "paragraph_index", "paragraph_first", "sentence_in_paragraph",
    "n_syllables", "log_syllables", "n_chars",
    # syllable TF-IDF (cosine)
    "centroid_similarity", "doc_centroid_similarity", "title_similarity", "lead_similarity",
    "support", "max_other_similarity", "lexrank",
    # syllable 1+2-gram TF-IDF (cosine)
    "ng_centroid", "ng_doc_centroid", "ng_title_own", "ng_title_max", "ng_title_mean",
    "ng_lead_own", "ng_lead_max", "ng_lead_mean", "ng_other_max", "ng_other_mean",
    "ng_support_03", "ng_support_05", "ng_same_doc_max", "ng_lexrank", "ng_lexrank_weighted",
    "idf_mean",
    # cross-article agreement of syllable n-grams
    "bigram_docs_mean", "bigram_docs_multi_share", "bigram_docs_extra", "unigram_docs_mean",
    # overlap with titles and leads (sapos)
    "title_bigram_share", "lead_bigram_share", "lead_bigram_count",
    "lead_align_f1_own", "lead_align_f1_any", "lead_unigram_idf_share", "lead_unigram_idf_share_own",
    # neighbours in the same article
    "prev_lead_bigram_share", "next_lead_bigram_share", "prev_ng_other_max", "next_ng_other_max",
    # the article as a whole
    "doc_length_rank", "doc_centrality", "doc_lead_centrality", "lead_syllables",
    # surface cues
    "has_number", "digit_share", "number_count", "has_quote", "starts_quote", "ends_punct",
    "ends_colon", "has_question", "has_paren", "starts_dash", "upper_share",
    "capitalised_share", "capitalised_count", "first_person", "reporting_verb",
    "starts_connective", "has_date", "starts_pronoun",
)  # fmt: skip

# values whose scale moves with the outlet: also given as z-score and rank within the cluster
RELATIVE_TO_CLUSTER = (
    "n_syllables", "ng_centroid", "centroid_similarity", "ng_doc_centroid", "ng_other_max",
    "ng_other_mean", "ng_lexrank_weighted", "lexrank", "bigram_docs_mean", "bigram_docs_extra",
    "idf_mean", "ng_title_max", "ng_lead_max", "support",
)  # fmt: skip
# the cluster's shape, and the columns the model may weigh differently by that shape
CLUSTER_CONTEXT = (
    "log_documents", "log_cluster_sentences", "mean_doc_overlap", "log_mean_doc_syllables",
    "sapo_cluster",
)  # fmt: skip
INTERACTIONS = (
    ("log_documents", "is_lead"), ("log_documents", "inverse_index"),
    ("log_documents", "rank_ng_centroid"), ("log_documents", "rank_ng_other_max"),
    ("mean_doc_overlap", "is_lead"), ("mean_doc_overlap", "inverse_index"),
    ("mean_doc_overlap", "rank_ng_centroid"), ("mean_doc_overlap", "rank_bigram_docs_extra"),
)  # fmt: skip

_UNCONDITIONAL = (
    _BASE_NAMES
    + tuple(f"z_{name}" for name in RELATIVE_TO_CLUSTER)
    + tuple(f"rank_{name}" for name in RELATIVE_TO_CLUSTER)
    + CLUSTER_CONTEXT
    + tuple(f"{a}_x_{b}" for a, b in INTERACTIONS)
)
# Clusters whose articles come with their sapo apart (AbMuSu) and clusters without (ViMs, most
# pasted text) call for different weights: every column again, times ``sapo_cluster``, lets
# one linear model hold both (measured at the same alpha: AbMuSu train CV 37.0 -> 37.9,
# ViMs CV 46.1 -> 45.7, AbMuSu validation 37.1 -> 37.9).
FEATURE_NAMES = _UNCONDITIONAL + tuple(
    f"sapo_x_{name}" for name in _UNCONDITIONAL if name != "sapo_cluster"
)

SUPPORT_THRESHOLD = 0.3

_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"\d+")
_QUOTE = re.compile("[“”\"]")
_CONNECTIVES = (
    "tuy nhiên", "ngoài ra", "theo đó", "đồng thời", "trong đó", "cụ thể", "do đó", "vì vậy",
    "bên cạnh đó", "trước đó", "sau đó", "như vậy", "điều này", "ngoài", "còn", "và", "nhưng",
)  # fmt: skip
_FIRST_PERSON = re.compile(r"\b(tôi|chúng tôi|em|mình)\b")
_REPORTING = re.compile(r"\b(cho biết|cho rằng|nói|chia sẻ|khẳng định|nhấn mạnh)\b")
_DATE = re.compile(r"\b(ngày|tháng|năm)\s+\d|\d+/\d+")
_PRONOUN_START = re.compile(r"(ông|bà|anh|chị|họ|người này|đây|điều này|đó)\b")

Columns = dict[str, np.ndarray]


def candidate_sentences(cluster: Cluster, limit: int | None = None) -> list[int]:
    """Indexes into ``cluster.sentences`` of the sentences that get features, in cluster order.

    All of them up to ``limit``; past it, the first sentences of every article taken
    round-robin (the order the lead baseline reads them), so memory stays linear in the input.
    """
    n = len(cluster.sentences)
    limit = MAX_CANDIDATES if limit is None else limit
    if n <= limit:
        return list(range(n))
    order = sorted(range(n), key=lambda k: (cluster.sentences[k].index, cluster.sentences[k].doc_position))
    return sorted(order[:limit])


def _identity(tokens):
    return tokens


def _pagerank(weights: np.ndarray, damping: float = 0.85, iterations: int = 50) -> np.ndarray:
    """Power iteration over a row-normalised graph (diagonal ignored), scaled to mean 1."""
    n = weights.shape[0]
    weights = weights.copy()
    np.fill_diagonal(weights, 0.0)
    row_sums = weights.sum(axis=1, keepdims=True)
    row_sums[row_sums == 0] = 1.0
    transition = weights / row_sums
    rank = np.full(n, 1.0 / n)
    for _ in range(iterations):
        rank = (1 - damping) / n + damping * transition.T @ rank
    return rank * n


def _tfidf(corpus: list[list[str]]) -> tuple[TfidfVectorizer | None, sparse.csr_matrix | None]:
    vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, norm="l2", dtype=np.float64)
    try:
        return vectorizer, vectorizer.fit_transform(corpus).tocsr()
    except ValueError:  # not a single token in the cluster
        return None, None


def _dense(matrix) -> np.ndarray:
    return matrix.toarray() if sparse.issparse(matrix) else np.asarray(matrix)


def _unit_sum(rows: sparse.csr_matrix) -> np.ndarray:
    """The l2-normalised sum of ``rows``, dense (one entry per term)."""
    return l2_normalize(np.asarray(rows.sum(axis=0)))[0]


def _align_f1(bigrams: set, others: list[set]) -> float:
    """Best bigram F1 of ``bigrams`` against any one set of ``others``."""
    best = 0.0
    for other in others:
        common = len(bigrams & other)
        if common:
            best = max(best, 2 * common / (len(bigrams) + len(other)))
    return best


def _paragraphs(doc: Document, sentences: list[Sentence]) -> list[tuple[int, int]]:
    """(paragraph index, position within the paragraph) of each sentence; a line is a paragraph."""
    starts, pos = [], 0
    for line in doc.text.split("\n"):
        if line.strip():
            starts.append(pos)
        pos += len(line) + 1
    out, first_of = [], {}
    for s in sentences:
        p = max(0, bisect_right(starts, s.start) - 1)
        first_of.setdefault(p, s.index)
        out.append((p, s.index - first_of[p]))
    return out


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


class _Context:
    """What every stage reads: the sentences, their article, syllables, titles and sapos."""

    def __init__(self, cluster: Cluster, indexes: list[int]) -> None:
        self.sentences = [cluster.sentences[k] for k in indexes]
        self.docs = cluster.documents
        self.n, self.nd = len(self.sentences), len(self.docs)
        doc_index = {doc.id: d for d, doc in enumerate(self.docs)}
        self.dix = np.array([doc_index[s.doc_id] for s in self.sentences], dtype=int)
        self.syl = [list(s.words) for s in self.sentences]  # the pipeline's syllables of s.text
        self.leads = [doc.lead for doc in self.docs]  # "" without a sapo: see the docstring
        self.title_syl = [syllables(doc.title) for doc in self.docs]
        self.lead_sents = [[syllables(t) for t in split_text(lead)] for lead in self.leads]
        self.lead_syl = [[t for part in parts for t in part] for parts in self.lead_sents]
        self.doc_syl = [[] for _ in self.docs]
        for d, tokens in zip(self.dix, self.syl):
            self.doc_syl[d].extend(tokens)
        self.bigrams = [bigram_set(t) for t in self.syl]
        self.n_sents = Counter(self.dix.tolist())


def _position_columns(c: _Context) -> Columns:
    paragraphs: dict[tuple[str, int], tuple[int, int]] = {}
    for doc in c.docs:
        own = [s for s in c.sentences if s.doc_id == doc.id]
        paragraphs.update(zip((s.key for s in own), _paragraphs(doc, own)))
    index = np.array([s.index for s in c.sentences], dtype=float)
    per_doc = np.array([c.n_sents[d] for d in c.dix], dtype=float)
    para = np.array([paragraphs[s.key] for s in c.sentences], dtype=float).reshape(-1, 2)
    n_syllables = np.array([s.n_syllables for s in c.sentences], dtype=float)
    return {
        "doc_position": c.dix.astype(float),
        "is_first_doc": (c.dix == 0).astype(float),
        "n_documents": np.full(c.n, float(c.nd)),
        "doc_relative_position": c.dix / max(1, c.nd),
        "sentence_index": index,
        "inverse_index": 1.0 / (index + 1),
        "relative_position": index / np.maximum(1, per_doc - 1),
        "is_lead": (index == 0).astype(float),
        "doc_sentences": per_doc,
        "paragraph_index": para[:, 0],
        "paragraph_first": (para[:, 1] == 0).astype(float),
        "sentence_in_paragraph": para[:, 1],
        "n_syllables": n_syllables,
        "log_syllables": np.log1p(n_syllables),
        "n_chars": np.array([len(s.text) for s in c.sentences], dtype=float),
    }


def _unigram_columns(c: _Context) -> Columns:
    """Cosines in the syllable TF-IDF space."""
    names = ("centroid_similarity", "doc_centroid_similarity", "title_similarity",
             "lead_similarity", "support", "max_other_similarity", "lexrank")  # fmt: skip
    out = {name: np.zeros(c.n) for name in names}
    extra = c.title_syl + [syllables(lead) for lead in c.leads]
    _, matrix = _tfidf(c.syl + extra)
    if matrix is None:
        return out
    n, nd = c.n, c.nd
    sent, titles, lead_vecs = matrix[:n], matrix[n : n + nd], matrix[n + nd :]
    similarity = _dense(sent @ sent.T)
    out["centroid_similarity"] = sent @ _unit_sum(sent)
    support = np.zeros(n)
    for d in range(nd):
        rows = c.dix == d
        if not rows.any():
            continue
        own = sent[np.flatnonzero(rows)]
        out["doc_centroid_similarity"][rows] = own @ _unit_sum(own)
        out["title_similarity"][rows] = _dense(own @ titles[d].T).ravel()
        out["lead_similarity"][rows] = _dense(own @ lead_vecs[d].T).ravel()
        # other documents holding a sentence similar to this one
        support += ~rows & (similarity[:, rows] > SUPPORT_THRESHOLD).any(axis=1)
    other = c.dix[:, None] != c.dix[None, :]
    out["support"] = support
    best_other = np.where(other, similarity, -np.inf).max(axis=1, initial=-np.inf)
    best_other[~other.any(axis=1)] = 0.0
    out["max_other_similarity"] = best_other
    out["lexrank"] = _pagerank(similarity)
    return out


def _ngram_columns(c: _Context) -> Columns:
    """Cosines in the syllable 1+2-gram TF-IDF space, cross-article agreement, lead overlap."""
    n, nd = c.n, c.nd
    vectorizer, matrix = _tfidf(
        [unigrams_and_bigrams(t) for t in c.syl + c.title_syl + c.lead_syl + c.doc_syl]
    )
    if matrix is None:
        matrix = sparse.csr_matrix((n + 3 * nd, 1))
        idf: dict[str, float] = {}
    else:
        idf = dict(zip(vectorizer.get_feature_names_out(), vectorizer.idf_))
    default_idf = max(idf.values(), default=1.0)
    sent = matrix[:n]
    titles, lead_vecs = matrix[n : n + nd], matrix[n + nd : n + 2 * nd]
    doc_vecs = matrix[n + 2 * nd :]
    sim = _dense(sent @ sent.T)  # n <= MAX_CANDIDATES
    title_sims, lead_sims = _dense(sent @ titles.T), _dense(sent @ lead_vecs.T)
    doc_sim, lead_doc_sim = _dense(doc_vecs @ doc_vecs.T), _dense(lead_vecs @ lead_vecs.T)
    rows = np.arange(n)
    own_doc_cos = np.zeros(n)
    for d in range(nd):
        rows_of_d = np.flatnonzero(c.dix == d)
        if rows_of_d.size:
            own_doc_cos[rows_of_d] = _dense(sent[rows_of_d] @ doc_vecs[d].T).ravel()

    bigram_docs, unigram_docs = Counter(), Counter()
    for tokens in c.doc_syl:
        bigram_docs.update(bigram_set(tokens))
        unigram_docs.update(set(tokens))
    title_bigrams = set().union(*(bigram_set(t) for t in c.title_syl))
    lead_sets = [[bigram_set(part) for part in parts] for parts in c.lead_sents]
    lead_bigrams = set().union(*(b for sets in lead_sets for b in sets))
    lead_unigrams = [set(t) for t in c.lead_syl]
    all_lead_unigrams = set().union(*lead_unigrams)

    names = (
        "ng_other_max", "ng_other_mean", "ng_support_03", "ng_support_05", "ng_same_doc_max",
        "idf_mean", "bigram_docs_mean", "bigram_docs_multi_share", "bigram_docs_extra",
        "unigram_docs_mean", "title_bigram_share", "lead_bigram_share", "lead_bigram_count",
        "lead_align_f1_own", "lead_align_f1_any", "lead_unigram_idf_share",
        "lead_unigram_idf_share_own",
    )  # fmt: skip
    out = {name: np.zeros(n) for name in names}
    for k in range(n):
        d, tokens, bigrams = c.dix[k], c.syl[k], c.bigrams[k]
        nb = max(1, len(bigrams))
        other = c.dix != d
        same = c.dix == d
        same[k] = False
        other_sims = sim[k, other] if other.any() else np.zeros(1)
        counts = [bigram_docs[b] for b in bigrams]
        uni = dict.fromkeys(tokens)  # distinct, in text order: float sums the same on every run
        weight = sum(idf.get(t, default_idf) for t in uni) or 1.0
        out["ng_other_max"][k] = other_sims.max()
        out["ng_other_mean"][k] = other_sims.mean()
        out["ng_support_03"][k] = len(set(c.dix[other & (sim[k] > 0.3)]))
        out["ng_support_05"][k] = len(set(c.dix[other & (sim[k] > 0.5)]))
        out["ng_same_doc_max"][k] = sim[k, same].max() if same.any() else 0.0
        out["idf_mean"][k] = _mean([idf.get(t, default_idf) for t in tokens])
        out["bigram_docs_mean"][k] = _mean(counts)
        out["bigram_docs_multi_share"][k] = sum(v > 1 for v in counts) / nb
        out["bigram_docs_extra"][k] = sum(v - 1 for v in counts)
        out["unigram_docs_mean"][k] = _mean([unigram_docs[t] for t in tokens])
        out["title_bigram_share"][k] = len(bigrams & title_bigrams) / nb
        out["lead_bigram_share"][k] = len(bigrams & lead_bigrams) / nb
        out["lead_bigram_count"][k] = len(bigrams & lead_bigrams)
        out["lead_align_f1_own"][k] = _align_f1(bigrams, lead_sets[d])
        out["lead_align_f1_any"][k] = max((_align_f1(bigrams, s) for s in lead_sets), default=0.0)
        out["lead_unigram_idf_share"][k] = (
            sum(idf.get(t, default_idf) for t in uni if t in all_lead_unigrams) / weight
        )
        out["lead_unigram_idf_share_own"][k] = (
            sum(idf.get(t, default_idf) for t in uni if t in lead_unigrams[d]) / weight
        )

    lengths = [len(t) for t in c.doc_syl]
    by_length = sorted(lengths, reverse=True)
    others = max(1, nd - 1)
    doc_centrality = (doc_sim.sum(axis=1) - np.diag(doc_sim)) / others
    lead_centrality = (lead_doc_sim.sum(axis=1) - np.diag(lead_doc_sim)) / others
    out.update(
        {
            "ng_centroid": sent @ _unit_sum(doc_vecs),
            "ng_doc_centroid": own_doc_cos,
            "ng_title_own": title_sims[rows, c.dix],
            "ng_title_max": title_sims.max(axis=1),
            "ng_title_mean": title_sims.mean(axis=1),
            "ng_lead_own": lead_sims[rows, c.dix],
            "ng_lead_max": lead_sims.max(axis=1),
            "ng_lead_mean": lead_sims.mean(axis=1),
            "ng_lexrank": _pagerank((sim > 0.1).astype(float)),
            "ng_lexrank_weighted": _pagerank(sim),
            "doc_length_rank": np.array([by_length.index(lengths[d]) for d in c.dix], dtype=float),
            "doc_centrality": doc_centrality[c.dix],
            "doc_lead_centrality": lead_centrality[c.dix],
            "lead_syllables": np.array([len(c.lead_syl[d]) for d in c.dix], dtype=float),
            "mean_doc_overlap": np.full(n, doc_centrality.mean() if nd > 1 else 0.0),
        }
    )
    return out


def _neighbour_columns(c: _Context, lead_share: np.ndarray, other_max: np.ndarray) -> Columns:
    """The previous and next sentence's lead overlap and cross-article similarity (-1: none)."""
    position = {s.key: k for k, s in enumerate(c.sentences)}
    out = {name: np.full(c.n, -1.0) for name in
           ("prev_lead_bigram_share", "next_lead_bigram_share", "prev_ng_other_max", "next_ng_other_max")}  # fmt: skip
    for k, s in enumerate(c.sentences):
        prev = position.get((s.doc_id, s.index - 1))
        nxt = position.get((s.doc_id, s.index + 1))
        if prev is not None:
            out["prev_lead_bigram_share"][k] = lead_share[prev]
            out["prev_ng_other_max"][k] = other_max[prev]
        if nxt is not None:
            out["next_lead_bigram_share"][k] = lead_share[nxt]
            out["next_ng_other_max"][k] = other_max[nxt]
    return out


_SURFACE: dict[str, Callable[[str, str, list[str]], float]] = {
    "has_number": lambda text, low, syl: float(_DIGIT.search(text) is not None),
    "digit_share": lambda text, low, syl: sum(map(str.isdigit, syl)) / max(1, len(syl)),
    "number_count": lambda text, low, syl: len(_NUMBER.findall(text)),
    "has_quote": lambda text, low, syl: float(_QUOTE.search(text) is not None),
    "starts_quote": lambda text, low, syl: float(text[:1] in "“\"'"),
    "ends_punct": lambda text, low, syl: float(text[-1:] in '.!?…"”'),
    "ends_colon": lambda text, low, syl: float(text.rstrip()[-1:] == ":"),
    "has_question": lambda text, low, syl: float("?" in text),
    "has_paren": lambda text, low, syl: float("(" in text),
    "starts_dash": lambda text, low, syl: float(text[:1] in "-–•+*"),
    "upper_share": lambda text, low, syl: sum(map(str.isupper, text)) / max(1, len(text)),
    "capitalised_share": lambda text, low, syl: _capitalised(text) / max(1, len(syl)),
    "capitalised_count": lambda text, low, syl: _capitalised(text),
    "first_person": lambda text, low, syl: float(_FIRST_PERSON.search(low) is not None),
    "reporting_verb": lambda text, low, syl: float(_REPORTING.search(low) is not None),
    "starts_connective": lambda text, low, syl: float(low.startswith(_CONNECTIVES)),
    "has_date": lambda text, low, syl: float(_DATE.search(low) is not None),
    "starts_pronoun": lambda text, low, syl: float(_PRONOUN_START.match(low) is not None),
}


def _capitalised(text: str) -> int:
    """Words after the first that start with a capital (names, organisations)."""
    return sum(1 for w in text.split()[1:] if w[:1].isupper())


def _surface_columns(c: _Context) -> Columns:
    out = {name: np.zeros(c.n) for name in _SURFACE}
    for k, s in enumerate(c.sentences):
        low = s.text.lower()
        for name, cue in _SURFACE.items():
            out[name][k] = cue(s.text, low, c.syl[k])
    return out


def _relative_columns(columns: Columns, c: _Context) -> Columns:
    """z-scores and ranks (0..1) within the cluster; the cluster's shape; its interactions;
    every column again for clusters with sapos."""
    out: Columns = {}
    for name in RELATIVE_TO_CLUSTER:
        values = columns[name]
        spread = values.std()
        out[f"z_{name}"] = (values - values.mean()) / spread if spread > 0 else np.zeros(c.n)
        out[f"rank_{name}"] = (rankdata(values) - 1) / max(1, c.n - 1)
    lengths = [len(t) for t in c.doc_syl]
    out["log_documents"] = np.full(c.n, np.log(c.nd))
    out["log_cluster_sentences"] = np.full(c.n, np.log(c.n))
    out["log_mean_doc_syllables"] = np.full(c.n, np.log1p(_mean(lengths)))
    with_sapo = sum(1 for lead in c.leads if lead.strip())
    out["sapo_cluster"] = np.full(c.n, float(with_sapo > c.nd / 2))
    everything = {**columns, **out}
    for a, b in INTERACTIONS:
        out[f"{a}_x_{b}"] = everything[a] * everything[b]
    everything.update(out)
    for name in _UNCONDITIONAL:
        if name != "sapo_cluster":
            out[f"sapo_x_{name}"] = everything[name] * everything["sapo_cluster"]
    return out


def feature_columns(cluster: Cluster, indexes: list[int] | None = None) -> Columns:
    """Every ``FEATURE_NAMES`` column, by name, for the sentences ``indexes`` (default: all)."""
    c = _Context(cluster, list(range(len(cluster.sentences))) if indexes is None else indexes)
    if c.n == 0:
        return {name: np.zeros(0) for name in FEATURE_NAMES}
    columns: Columns = {}
    columns.update(_position_columns(c))
    columns.update(_unigram_columns(c))
    columns.update(_ngram_columns(c))
    columns.update(_neighbour_columns(c, columns["lead_bigram_share"], columns["ng_other_max"]))
    columns.update(_surface_columns(c))
    columns.update(_relative_columns(columns, c))
    return columns


def stack(columns: Columns, names: tuple[str, ...] = FEATURE_NAMES) -> np.ndarray:
    """The columns ``names`` side by side, NaN and inf made 0. KeyError names a missing one."""
    n = len(next(iter(columns.values()))) if columns else 0
    matrix = np.column_stack([columns[name] for name in names]) if n else np.zeros((0, len(names)))
    return np.nan_to_num(matrix.astype(float), nan=0.0, posinf=0.0, neginf=0.0)


def sentence_features(cluster: Cluster, indexes: list[int] | None = None) -> np.ndarray:
    """The ``FEATURE_NAMES`` columns for the sentences ``indexes`` of ``cluster`` (default: all;
    no NaN, no inf). Callers with large clusters pass :func:`candidate_sentences`."""
    return stack(feature_columns(cluster, indexes))
