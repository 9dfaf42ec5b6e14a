"""Sample candidate sentences for the facts gold set (seeded), from ViMs and VNDS."""
import gzip, json, random, re, sys
from tomtat.ingest import document_from_dict
from tomtat.text.sentences import sentences

rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 13)
kind = sys.argv[1]  # figures | names
DIGIT_UNIT = re.compile(r"\d[\d.,]*\s*(%|[^\W\d_]+)")
DATE_ONLY = re.compile(r"^\d{1,2}/\d{1,2}")
CAPRUN = re.compile(r"(?<!^)\b[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ-ỸỲ][^\W\d_]*\s+[A-ZĐ][^\W\d_]*")
out = []
def cands(src, row, doc_text):
    for i, s in enumerate(sentences(doc_text)):
        if len(s.split()) < 8 or len(s.split()) > 45: continue
        if kind == "figures":
            ms = [m for m in re.finditer(r"(?<![\d/])\d[\d.,]*(?![\d/])\s*(%|[^\W\d_]+)?", s)]
            ms = [m for m in ms if not re.match(r"(19|20)\d\d$", m.group().split()[0]) ]
            ms = [m for m in ms if (m.group(1) or "").lower() not in ("năm","tháng","ngày","giờ","h","phút","giây","tuổi","tuần")]
            ms = [m for m in ms if m.group(1) and (m.group(1) == "%" or m.group(1).lower() in ("tỷ","tỉ","triệu","nghìn","ngàn","usd","đồng") or len(ms) > 1)]
            if ms: yield i, s
        else:
            if len(re.findall(r"\b[A-ZĐ]\w*", s[1:])) >= 2: yield i, s

vims = [json.loads(l) for l in open("../shared/data/vims/train.jsonl", encoding="utf-8")]
rows = rng.sample(range(len(vims)), 60)
pool = []
for r in rows:
    k = rng.randrange(len(vims[r]["single_documents"])); d = vims[r]["single_documents"][k]
    doc = document_from_dict({"title": d.get("title"), "text": d["raw_text"]}, 0, "x")
    if doc is None: continue
    c = list(cands("vims", r, doc.text))
    if c:
        i, s = rng.choice(c); pool.append(("vims/train.jsonl", r, k, i, s))
with gzip.open("../shared/data/vnds/val.jsonl.gz", "rt", encoding="utf-8") as f:
    want = set(rng.sample(range(22642), 60))
    for r, line in enumerate(f):
        if r not in want: continue
        row = json.loads(line)
        doc = document_from_dict({"text": row["body"]}, 0, "x")
        if doc is None: continue
        c = list(cands("vnds", r, doc.text))
        if c:
            i, s = rng.choice(c); pool.append(("vnds/val.jsonl.gz", r, 0, i, s))
for src, r, k, i, s in pool:
    print(json.dumps({"source": src, "row": r, "document": k, "sentence": i, "text": s}, ensure_ascii=False))
