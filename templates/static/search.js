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
  function render(q) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    var hits = search(q);
    status.textContent = q.trim() ? hits.length + " 件 / " + hits.length + " results" : "";
    for (var i = 0; i < hits.length && i < 200; i++) {
      var d = data.docs[hits[i]];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = d.u;
      a.textContent = d.lj + (d.le ? " (" + d.le + ")" : "");
      li.appendChild(a);
      var s = document.createElement("span");
      s.className = "snippet"; s.lang = "ja"; s.textContent = d.j.slice(0, 160);
      li.appendChild(s);
      if (d.e) { var e = document.createElement("span"); e.className = "snippet"; e.lang = "en"; e.textContent = d.e.slice(0, 200); li.appendChild(e); }
      list.appendChild(li);
    }
  }
  input.addEventListener("input", function () { render(input.value); });
  var m = /[?&]q=([^&]*)/.exec(window.location.search);
  if (m) { input.value = decodeURIComponent(m[1].replace(/\+/g, " ")); render(input.value); }
})();
