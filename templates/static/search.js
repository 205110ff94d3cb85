// kitei: client-side search over the sharded index of search/ (src/render/search.rs), Japanese by character
// bigrams (a single character by itself), English by lowercase words (a term of three or more letters also
// matches longer words starting with it). Works from file:// (parts loaded by <script> tags, no fetch).
(function () {
  "use strict";
  var meta = window.KITEI_SEARCH_INDEX || { regs: [], tshards: 1, dstarts: [0], ndocs: 0 };
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!input || !list) { return; }
  // The index's parts (search/t/<k>.js, search/d/<k>.js), loaded on demand by <script> tags (fetch() is
  // refused under file://); each calls KITEI_SEARCH_PART(name, data).
  var here = document.currentScript ? document.currentScript.src : "";
  var base = here.replace(/static\/search\.js([?#].*)?$/, "") + "search/";
  var parts = {}, waiting = {}, failed = {};
  window.KITEI_SEARCH_PART = function (name, data) {
    parts[name] = data;
    var w = waiting[name] || [];
    delete waiting[name];
    for (var i = 0; i < w.length; i++) { w[i](); }
  };
  // Calls `done(missing)` once every part of `names` is loaded (`missing`: the parts that failed to load).
  function load(names, done) {
    var left = 0, missing = [];
    function one() { if (--left === 0) { finish(); } }
    function finish() { names.forEach(function (n) { if (failed[n]) { missing.push(n); } }); done(missing); }
    names.forEach(function (name) {
      if (name in parts || failed[name]) { return; }
      left++;
      if (waiting[name]) { waiting[name].push(one); return; }
      waiting[name] = [one];
      var s = document.createElement("script");
      s.src = base + name + ".js";
      s.onerror = function () { failed[name] = true; window.KITEI_SEARCH_PART(name, null); delete parts[name]; };
      document.head.appendChild(s);
    });
    if (left === 0) { finish(); }
  }
  // The token shard of a token: FNV-1a over the UTF-16 code units of its key (an English word's first three
  // letters, a Japanese token itself), as src/render/search.rs computes it.
  function shardOf(tok) {
    var key = /^[a-z0-9]+$/.test(tok) ? tok.slice(0, 3) : tok, h = 0x811c9dc5;
    for (var i = 0; i < key.length; i++) { h ^= key.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
    return "t/" + (h % meta.tshards);
  }
  // The document shard holding document `d` (binary search in the shards' first documents).
  function docShard(d) {
    var lo = 0, hi = meta.dstarts.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (meta.dstarts[mid] <= d) { lo = mid; } else { hi = mid - 1; } }
    return lo;
  }
  function doc(d) {
    var k = docShard(d), row = parts["d/" + k][d - meta.dstarts[k]];
    return { r: row[0], u: row[1], lj: row[2], le: row[3], j: row[4], e: row[5] };
  }
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
  // Decodes a posting list: differences between ascending document numbers, or (a common token) a base64
  // bitmap, bit d % 8 (least significant first) of byte d / 8 set for document d.
  function undelta(p) {
    var out = [], d = 0, i;
    if (typeof p === "string") {
      var bytes = atob(p);
      for (i = 0; i < bytes.length; i++) {
        var b = bytes.charCodeAt(i);
        for (var bit = 0; b; bit++, b >>= 1) { if (b & 1) { out.push(i * 8 + bit); } }
      }
      return out;
    }
    for (i = 0; i < p.length; i++) { d += p[i]; out.push(d); }
    return out;
  }
  // The documents of a token, from its loaded shard. An English term of three or more letters also matches
  // the words that start with it ("audit" finds "audits", "auditing": they share its shard); Japanese tokens
  // and shorter terms match exactly.
  function postingsOf(tok) {
    var shard = parts[shardOf(tok)] || {};
    if (tok.length < 3 || !/^[a-z0-9]+$/.test(tok)) { return Object.prototype.hasOwnProperty.call(shard, tok) ? undelta(shard[tok]) : []; }
    var seen = {}, out = [];
    Object.keys(shard).forEach(function (w) {
      if (w.lastIndexOf(tok, 0) !== 0) { return; }
      undelta(shard[w]).forEach(function (d) { if (!seen[d]) { seen[d] = true; out.push(d); } });
    });
    return out.sort(function (a, b) { return a - b; });
  }
  // The intersection of two ascending lists.
  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) { if (a[i] < b[j]) { i++; } else if (a[i] > b[j]) { j++; } else { out.push(a[i]); i++; j++; } }
    return out;
  }
  // The candidates of a query: the documents holding every token, or null when the query has none.
  function candidates(toks) {
    var result = null;
    for (var i = 0; i < toks.length && (result === null || result.length); i++) {
      var p = postingsOf(toks[i]);
      result = result === null ? p : intersect(result, p);
    }
    return result;
  }
  // Searches `q` and calls `done(hits, total, exact)`: the first `max + 1` hits at most (document numbers),
  // and the number of hits, exact or an upper bound. A Japanese phrase of more than one token must occur as
  // written (bigrams can match out of order): its candidates are checked against the texts, shard by shard
  // and only until `max + 1` hits are found, so that a common phrase loads a few shards, not the whole site;
  // never more than CHECKED shards (a phrase whose words are common but which occurs nowhere would load
  // them all). `alive()` false stops the work of a query replaced by a newer one.
  function search(q, max, done, fail, alive) {
    var t = q.trim(), toks = tokens(t);
    if (!toks.length) { done([], 0, true); return; }
    var shards = toks.map(shardOf).filter(function (n, i, a) { return a.indexOf(n) === i; });
    load(shards, function (missing) {
      if (missing.length) { fail(missing); return; }
      var cand = candidates(toks) || [];
      var check = /[\u3040-\u9fff]/.test(t) && toks.length > 1;
      var want = check ? cand : cand.slice(0, max + 1);
      var hits = [], i = 0, loaded = 0;
      // Loads the document shard of want[i] and moves on through the candidates it holds.
      (function step() {
        if (!alive()) { return; }
        if (i >= want.length || (check && (hits.length > max || loaded >= CHECKED))) {
          // Unchecked candidates may or may not hold the phrase: then the count is an upper bound.
          done(hits, check ? hits.length + (want.length - i) : cand.length, !check || i >= want.length);
          return;
        }
        var k = docShard(want[i]);
        loaded++;
        load(["d/" + k], function (missing) {
          if (missing.length) { fail(missing); return; }
          var end = k + 1 < meta.dstarts.length ? meta.dstarts[k + 1] : meta.ndocs;
          for (; i < want.length && want[i] < end && !(check && hits.length > max); i++) {
            var d = doc(want[i]);
            if (!check || d.j.indexOf(t) >= 0 || d.lj.indexOf(t) >= 0) { hits.push(want[i]); }
          }
          step();
        });
      })();
    });
  }
  // At most this many results are listed (the status line says when there are more).
  var MAX = 200;
  // At most this many document shards (about 256 KB each) are read to check a phrase's candidates.
  var CHECKED = 40;
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
  // The query shown: a newer one replaces the results of an older one still loading.
  var shown = 0;
  function render(q) {
    var gen = ++shown, max = window.KITEI_SEARCH_MAX || MAX;
    if (!q.trim()) { clear(); status.textContent = ""; return; }
    search(q, max, function (hits, n, exact) {
      if (gen === shown) { show(q, hits, n, exact, max); }
    }, function (missing) {
      if (gen !== shown) { return; }
      clear();
      status.textContent = "検索索引を読み込めません / the search index could not be loaded: " + missing.map(function (m) { return "search/" + m + ".js"; }).join(", ");
    }, function () { return gen === shown; });
  }
  function clear() { while (list.firstChild) { list.removeChild(list.firstChild); } }
  function show(q, hits, n, exact, max) {
    clear();
    var ts = terms(q);
    var k = Math.min(hits.length, max);
    if (!exact) { status.textContent = "最大 " + n + " 件中 " + k + " 件を表示 / showing the first " + k + " of up to " + n + " results"; }
    else if (n > max) { status.textContent = n + " 件中 " + max + " 件を表示 / showing the first " + max + " of " + n + " results"; }
    else { status.textContent = n + " 件 / " + n + (n === 1 ? " result" : " results"); }
    for (var i = 0; i < hits.length && i < max; i++) {
      var d = doc(hits[i]);
      var reg = meta.regs[d.r] || ["", ""];
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
