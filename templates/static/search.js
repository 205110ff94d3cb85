// kitei: client-side search over window.KITEI_SEARCH (search-index.js), Japanese by character bigrams,
// English by lowercase words (a term of three or more letters also matches longer words starting with it).
// Works from file:// (no fetch).
(function () {
  "use strict";
  var data = window.KITEI_SEARCH || { docs: [], postings: {} };
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!input || !list) { return; }
  function isCjk(c) { return /[\u3040-\u30ff\u3400-\u9fff\u3005\u30fc]/.test(c); }
  function tokens(text) {
    var out = [], run = [], word = "";
    function flushRun() { if (run.length === 1) { out.push(run[0]); } for (var i = 0; i + 1 < run.length; i++) { out.push(run[i] + run[i + 1]); } run = []; }
    function flushWord() { if (word.length >= 2) { out.push(word); } word = ""; }
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      if (isCjk(c)) { flushWord(); run.push(c); }
      else if (/[A-Za-z0-9]/.test(c)) { flushRun(); word += c.toLowerCase(); }
      else { flushRun(); flushWord(); }
    }
    flushRun(); flushWord();
    return out;
  }
  // English words of the index, sorted, for prefix lookups.
  var words = null;
  function englishWords() {
    if (words === null) { words = Object.keys(data.postings).filter(function (w) { return /^[a-z0-9]+$/.test(w); }).sort(); }
    return words;
  }
  // The documents of a token. An English term of three or more letters also matches the words that start
  // with it ("audit" finds "audits", "auditing"); Japanese bigrams and shorter terms match exactly.
  function postingsOf(tok) {
    if (tok.length < 3 || !/^[a-z0-9]+$/.test(tok)) { return data.postings[tok] || []; }
    var ws = englishWords(), seen = {}, out = [];
    // Binary search for the first word >= tok, then walk while the words start with it.
    var lo = 0, hi = ws.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (ws[mid] < tok) { lo = mid + 1; } else { hi = mid; } }
    for (var i = lo; i < ws.length && ws[i].lastIndexOf(tok, 0) === 0; i++) {
      var p = data.postings[ws[i]];
      for (var j = 0; j < p.length; j++) { if (!seen[p[j]]) { seen[p[j]] = true; out.push(p[j]); } }
    }
    return out.sort(function (a, b) { return a - b; });
  }
  function search(q) {
    var t = q.trim();
    if (t.length === 1 && isCjk(t)) {
      // One character: no bigram to look up; scan the texts.
      var hits = [];
      for (var k = 0; k < data.docs.length; k++) { if (data.docs[k].j.indexOf(t) >= 0) { hits.push(k); } }
      return hits;
    }
    var toks = tokens(q);
    if (!toks.length) { return []; }
    var result = null;
    for (var i = 0; i < toks.length; i++) {
      var p = postingsOf(toks[i]);
      if (result === null) { result = p.slice(); } else {
        var set = {}; for (var j = 0; j < p.length; j++) { set[p[j]] = true; }
        result = result.filter(function (d) { return set[d]; });
      }
      if (!result.length) { break; }
    }
    var ql = q.trim().toLowerCase();
    // Japanese phrases must occur as written (bigrams can match out of order).
    return (result || []).filter(function (d) {
      var doc = data.docs[d];
      return !/[\u3040-\u9fff]/.test(ql) || doc.j.indexOf(q.trim()) >= 0 || doc.lj.indexOf(q.trim()) >= 0;
    });
  }
  // At most this many results are listed (the status line says when there are more).
  var MAX = 200;
  // A snippet of `text` around the first occurrence of one of `terms`, the occurrences marked: at most `len`
  // characters, with … where the text was cut.
  function snippet(el, text, terms, len) {
    var lower = text.toLowerCase(), at = -1, i, j;
    for (i = 0; i < terms.length; i++) { j = lower.indexOf(terms[i]); if (j >= 0 && (at < 0 || j < at)) { at = j; } }
    var start = text.length <= len || at < len / 3 ? 0 : Math.min(at - Math.floor(len / 3), text.length - len);
    var end = Math.min(text.length, start + len);
    var part = text.slice(start, end), low = part.toLowerCase();
    if (start > 0) { el.appendChild(document.createTextNode("…")); }
    var pos = 0;
    while (pos < part.length) {
      var next = -1, hit = "";
      for (i = 0; i < terms.length; i++) {
        j = low.indexOf(terms[i], pos);
        if (j >= 0 && (next < 0 || j < next || (j === next && terms[i].length > hit.length))) { next = j; hit = terms[i]; }
      }
      if (next < 0) { el.appendChild(document.createTextNode(part.slice(pos))); break; }
      if (next > pos) { el.appendChild(document.createTextNode(part.slice(pos, next))); }
      var m = document.createElement("mark"); m.textContent = part.slice(next, next + hit.length); el.appendChild(m);
      pos = next + hit.length;
    }
    if (end < text.length) { el.appendChild(document.createTextNode("…")); }
  }
  // The words to mark: the query as typed (Japanese) and each English word of it.
  function terms(q) {
    var t = q.trim().toLowerCase(), out = [];
    if (t) { out.push(t); }
    t.split(/[^a-z0-9\u3040-\u30ff\u3400-\u9fff\u3005\u30fc]+/).forEach(function (w) { if (w && out.indexOf(w) < 0) { out.push(w); } });
    return out.filter(function (w) { return w.length >= 1; });
  }
  function render(q) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    var hits = search(q), ts = terms(q), n = hits.length, max = window.KITEI_SEARCH_MAX || MAX;
    if (!q.trim()) { status.textContent = ""; }
    else if (n > max) { status.textContent = n + " 件中 " + max + " 件を表示 / showing the first " + max + " of " + n + " results"; }
    else { status.textContent = n + " 件 / " + n + (n === 1 ? " result" : " results"); }
    for (var i = 0; i < n && i < max; i++) {
      var d = data.docs[hits[i]];
      var reg = (data.regs && data.regs[d.r]) || ["", ""];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = d.u;
      a.className = "cite";
      a.textContent = d.lj;
      li.appendChild(a);
      if (d.le) { var le = document.createElement("span"); le.className = "cite-en"; le.lang = "en"; le.textContent = " " + d.le; li.appendChild(le); }
      var r = document.createElement("span");
      r.className = "reg"; r.textContent = reg[0];
      if (reg[1]) { var re = document.createElement("span"); re.lang = "en"; re.textContent = " " + reg[1]; r.appendChild(re); }
      li.appendChild(r);
      var s = document.createElement("span");
      s.className = "snippet"; s.lang = "ja"; snippet(s, d.j, ts, 100);
      li.appendChild(s);
      if (d.e) { var e = document.createElement("span"); e.className = "snippet"; e.lang = "en"; snippet(e, d.e, ts, 200); li.appendChild(e); }
      list.appendChild(li);
    }
  }
  input.addEventListener("input", function () { render(input.value); });
  var m = /[?&]q=([^&]*)/.exec(window.location.search);
  if (m) { input.value = decodeURIComponent(m[1].replace(/\+/g, " ")); render(input.value); }
})();
