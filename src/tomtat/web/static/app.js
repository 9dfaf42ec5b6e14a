// tomtat page: paste or drop articles, summarize, trace each sentence to its source.
// All text from the user or the API goes in through textContent or text nodes, never as markup.
"use strict";

const $ = (sel) => document.querySelector(sel);

let result = null; // the last /v1/summarize answer
const codePoints = new Map(); // doc id -> Array of code points (offsets are Python str indices)

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "text") node.textContent = value;
    else if (key === "class") node.className = value;
    else if (key.startsWith("data-")) node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) node.append(child);
  return node;
}

// ---- article boxes ----------------------------------------------------------

function articleBoxes() {
  return Array.from(document.querySelectorAll("#articles .article"));
}

function renumber() {
  articleBoxes().forEach((box, i) => {
    box.querySelector("legend").textContent = `Bài ${i + 1}`;
  });
}

function addArticle({ title = "", text = "", kind = "text", source = "" } = {}) {
  const box = $("#article-template").content.firstElementChild.cloneNode(true);
  box.querySelector(".title").value = title;
  box.querySelector(".text").value = text;
  setKind(box, kind, source);
  box.querySelector(".text").addEventListener("input", () => {
    if (!box.querySelector(".text").value) setKind(box, "text", "");
  });
  box.querySelector(".remove").addEventListener("click", () => {
    if (articleBoxes().length > 1) box.remove();
    else {
      box.querySelector(".title").value = "";
      box.querySelector(".text").value = "";
      setKind(box, "text", "");
    }
    renumber();
  });
  $("#articles").append(box);
  renumber();
  return box;
}

function setKind(box, kind, source) {
  box.dataset.kind = kind;
  box.dataset.source = source;
  const label = kind === "html" ? "Trang HTML" : "Văn bản";
  box.querySelector(".kind").textContent = source ? `${label} — ${source}` : "";
}

async function addFiles(files) {
  for (const file of files) {
    const name = file.name.toLowerCase();
    if (!/\.(txt|html?)$/.test(name)) {
      showError(`Không đọc được tệp ${file.name}: chỉ nhận .txt hoặc .html.`);
      continue;
    }
    const text = await file.text();
    const kind = /\.html?$/.test(name) ? "html" : "text";
    const empty = articleBoxes().find((b) => !b.querySelector(".text").value.trim());
    const box = empty || addArticle();
    box.querySelector(".text").value = text;
    setKind(box, kind, file.name);
  }
}

// ---- summarize ----------------------------------------------------------------

function collectDocuments() {
  const docs = [];
  for (const box of articleBoxes()) {
    const text = box.querySelector(".text").value;
    if (!text.trim()) continue;
    const doc = { [box.dataset.kind === "html" ? "html" : "text"]: text };
    const title = box.querySelector(".title").value.trim();
    if (title) doc.title = title;
    if (box.dataset.source) doc.source = box.dataset.source;
    docs.push(doc);
  }
  return docs;
}

async function summarize(event) {
  event.preventDefault();
  hideError();
  const documents = collectDocuments();
  if (!documents.length) {
    showError("Hãy dán ít nhất một bài báo.");
    return;
  }
  const body = { documents, max_words: Number($("#max-words").value) };
  $("#submit").disabled = true;
  $("#status").textContent = "Đang tóm tắt…";
  try {
    const resp = await fetch("v1/summarize?lang=vi", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    let data = null;
    try { data = await resp.json(); } catch (_) { /* not JSON */ }
    if (!resp.ok) {
      const message = data && data.error ? data.error : `máy chủ trả về HTTP ${resp.status}`;
      showError(`Lỗi: ${message}`);
      return;
    }
    showResult(data);
  } catch (err) {
    showError(`Không kết nối được máy chủ: ${err.message}`);
  } finally {
    $("#submit").disabled = false;
    $("#status").textContent = "";
  }
}

function showError(message) {
  $("#error").textContent = message;
  $("#error").hidden = false;
}

function hideError() {
  $("#error").hidden = true;
  $("#error").textContent = "";
}

// ---- result ---------------------------------------------------------------------

function docLabel(docId) {
  const i = result.documents.findIndex((d) => d.id === docId);
  const doc = result.documents[i];
  return doc && doc.title ? doc.title : `Bài ${i + 1}`;
}

function docNumber(docId) {
  return result.documents.findIndex((d) => d.id === docId) + 1;
}

function showResult(data) {
  result = data;
  codePoints.clear();
  $("#result").hidden = false;
  $("#n-words").textContent = `(${data.n_words} tiếng, ${data.sentences.length} câu)`;
  showNotes(data.documents);
  const list = $("#summary");
  list.replaceChildren();
  const events = data.events || [];
  list.classList.toggle("story", events.length > 0);
  let i = 0;
  if (events.length) {
    // several events: one block per event, its date as the heading, in date order; those
    // whose place the evidence leaves open last, after the line that says so (event.lead)
    for (const event of events) {
      if (event.lead) list.append(el("li", { class: "event-open-lead", text: event.lead }));
      const heading = el("h3", { class: "event-date", text: event.heading || "Không rõ ngày" });
      if (event.inferred) heading.title = `Năm suy ra từ: ${event.evidence_text}`;
      const inner = el("ol", { class: "event-sentences" });
      for (const s of event.sentences) inner.append(sentenceItem(s, i++));
      list.append(el("li", { class: "event" }, [heading, inner]));
    }
  } else {
    data.sentences.forEach((s) => list.append(sentenceItem(s, i++)));
  }
  showFacts(data.facts || []);
  showTimeline(data.timeline_shown || data.timeline || [], (data.timeline || []).length);
  if (data.sentences.length) selectSentence(0);
  $("#result").scrollIntoView({ behavior: "smooth", block: "start" });
}

// Each article's warnings, before the summary (an article that does not look Vietnamese
// first, marked), and what cleaning removed and why, on request.
function showNotes(documents) {
  const flags = $("#flags");
  const docs = $("#notes-docs");
  flags.replaceChildren();
  docs.replaceChildren();
  let removedCount = 0;
  const lines = [];
  documents.forEach((doc, i) => {
    const name = doc.title ? `Bài ${i + 1} (${doc.title})` : `Bài ${i + 1}`;
    const shown = doc.warnings_shown || doc.warnings || [];
    shown.forEach((text, k) => {
      const foreign = (doc.warnings[k] || "").startsWith("does not look Vietnamese");
      lines.push({ foreign, node: el("li", { class: foreign ? "flag foreign" : "flag" }, [
        el("strong", { text: `${name}: ` }), text,
      ]) });
    });
    const removed = doc.removed_shown || [];
    if (removed.length) {
      removedCount += removed.length;
      const list = el("ul", { class: "removed" });
      for (const r of removed) {
        list.append(el("li", {}, [el("span", { class: "why", text: `${r.why || r.reason}: ` }), r.text]));
      }
      docs.append(el("section", { class: "removed-doc" }, [el("h4", { text: name }), list]));
    }
  });
  lines.sort((a, b) => Number(b.foreign) - Number(a.foreign));
  for (const line of lines) flags.append(line.node);
  $("#removed-count").textContent = String(removedCount);
  $("#notes-more").hidden = removedCount === 0;
  $("#notes").hidden = !lines.length && removedCount === 0;
}

// An ISO date as the event headings write it: "2023-12-11" -> "11/12/2023", "2024-01" ->
// "1/2024".
function dmy(iso) {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso || "");
  if (!m) return iso;
  const [, year, month, day] = m;
  if (day) return `${Number(day)}/${Number(month)}/${year}`;
  if (month) return `${Number(month)}/${year}`;
  return year;
}

// A range of days as the headings write one: "11-13/7/2024", "30/11-2/12/2023"; other
// ranges (months, across years) as both ends.
function dmyRange(start, end) {
  const a = /^(\d{4})-(\d{2})-(\d{2})$/.exec(start || "");
  const b = /^(\d{4})-(\d{2})-(\d{2})$/.exec(end || "");
  if (a && b && a[1] === b[1]) {
    const [y, m1, d1, m2, d2] = [a[1], Number(a[2]), Number(a[3]), Number(b[2]), Number(b[3])];
    return m1 === m2 ? `${d1}-${d2}/${m1}/${y}` : `${d1}/${m1}-${d2}/${m2}/${y}`;
  }
  return `${dmy(start)} – ${dmy(end)}`;
}

function sentenceItem(s, i) {
  const item = el("li", { class: "sentence", tabIndex: 0, "data-i": String(i) }, [
    el("span", { class: "sentence-text", text: s.text }),
    " ",
    el("span", { class: "cite", text: `[Bài ${docNumber(s.doc)}, câu ${s.index + 1}]` }),
  ]);
  const show = () => selectSentence(i);
  item.addEventListener("mouseenter", show);
  item.addEventListener("click", show);
  item.addEventListener("focus", show);
  return item;
}

function selectSentence(i) {
  document.querySelectorAll("#summary .sentence").forEach((node) => {
    node.classList.toggle("active", node.dataset.i === String(i));
  });
  const s = result.sentences[i];
  showSource(s.doc, s.start, s.end);
}

// Show a document with [start, end) (code-point offsets) highlighted.
function showSource(docId, start, end) {
  const doc = result.documents.find((d) => d.id === docId);
  if (!doc) return;
  if (!codePoints.has(docId)) codePoints.set(docId, Array.from(doc.text));
  const chars = codePoints.get(docId);
  $("#source-title").textContent = docLabel(docId);
  const box = $("#source-text");
  const mark = el("mark", { text: chars.slice(start, end).join("") });
  box.replaceChildren(
    document.createTextNode(chars.slice(0, start).join("")),
    mark,
    document.createTextNode(chars.slice(end).join("")),
  );
  box.scrollTop = Math.max(0, mark.offsetTop - box.clientHeight / 3);
}

// Highlight the first occurrence of `needle` in a document (facts, timeline).
function showPassage(docId, needle) {
  const doc = result.documents.find((d) => d.id === docId);
  if (!doc) return;
  const at = doc.text.indexOf(needle);
  if (at < 0) return;
  const start = Array.from(doc.text.slice(0, at)).length;
  showSource(docId, start, start + Array.from(needle).length);
}

// The short list (the facts the API marks in_short_list: at most 8 figures and 8 names whose
// confidence reaches the precision aimed at, ranked for a reader; maybe none), then the rest
// behind "xem thêm".
function factItem(fact) {
  const parts = [];
  if (fact.subject) parts.push(el("span", { class: "subject", text: `${fact.subject}: ` }));
  parts.push(el("strong", { text: fact.direction ? `${fact.direction} ${fact.value}` : fact.value }));
  const n = fact.n_documents || (fact.sources || []).length;
  const label = fact.label || fact.kind; // the labels are served with the facts (render.FACT_LABELS)
  parts.push(el("span", { class: "meta", text: ` ${label}, ${n} nguồn` }));
  if (fact.conflict) {
    // which sources give which amount: "20 người (d1)"
    const others = (fact.conflict_with || []).map(([value, docs]) => `${value} (${docs.join(", ")})`).join("; ");
    parts.push(el("span", { class: "conflict", text: ` các nguồn không thống nhất${others ? ": " + others : ""}` }));
  }
  const item = el("li", { tabIndex: 0 }, parts);
  const first = (fact.sources || [])[0];
  if (first) {
    const show = () => showPassage(first.doc, fact.text);
    item.addEventListener("click", show);
    item.addEventListener("focus", show);
  }
  return item;
}

function showFacts(facts) {
  const list = $("#facts");
  const more = $("#facts-more");
  list.replaceChildren();
  more.replaceChildren();
  $("#facts-panel").hidden = !facts.length;
  const shortList = facts.filter((f) => f.in_short_list !== false);
  const rest = facts.filter((f) => f.in_short_list === false);
  for (const fact of shortList) list.append(factItem(fact));
  $("#facts-rest").hidden = !rest.length;
  $("#facts-rest-count").textContent = String(rest.length);
  for (const fact of rest) more.append(factItem(fact));
}

// The timeline as a reader takes it (at most about 12 dates, key dates kept first, in date
// order); the JSON's `timeline` keeps every entry.
function showTimeline(entries, total) {
  const list = $("#timeline");
  list.replaceChildren();
  $("#timeline-panel").hidden = !entries.length;
  for (const event of entries) {
    let when = event.date && event.end_date
      ? dmyRange(event.date, event.end_date)
      : event.date ? dmy(event.date) : event.date_text;
    if (event.date && event.inferred) when += " (năm suy ra)";
    const time = el("time", { text: when, class: event.certain === false ? "uncertain" : "" });
    if (event.date) time.dateTime = event.date;
    if (event.inferred && event.evidence_text) time.title = `Năm suy ra từ: ${event.evidence_text}`;
    const parts = [time, " ", el("span", { text: event.text })];
    if (event.n_documents > 1) parts.push(el("span", { class: "meta", text: ` (${event.n_documents} nguồn)` }));
    // one line an entry, so the dates read at a glance; the whole sentence on hover and in
    // the source panel on click
    const item = el("li", { tabIndex: 0, class: event.key ? "key" : "", title: `${when}: ${event.text}` }, parts);
    const show = () => showPassage(event.sentence.doc, event.text);
    item.addEventListener("click", show);
    item.addEventListener("focus", show);
    list.append(item);
  }
  const more = (result.timeline_dates || entries.length) - entries.length;
  if (more > 0) list.append(el("li", { class: "meta more", text: `thêm ${more} mốc khác trong bản JSON` }));
}

// ---- wiring ---------------------------------------------------------------------

document.addEventListener("DOMContentLoaded", () => {
  addArticle();
  addArticle();
  $("#add-article").addEventListener("click", () => addArticle().querySelector(".text").focus());
  $("#form").addEventListener("submit", summarize);
  $("#files").addEventListener("change", (e) => {
    addFiles(Array.from(e.target.files));
    e.target.value = "";
  });
  const zone = $("#dropzone");
  zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("over");
    addFiles(Array.from(e.dataTransfer.files));
  });
});
