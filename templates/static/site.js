// kitei: the ja / en / both toggle. Without JavaScript both languages are shown.
(function () {
  "use strict";
  var KEY = "kitei-lang";
  var root = document.documentElement;
  function apply(lang) {
    if (lang === "ja" || lang === "en") { root.setAttribute("data-lang", lang); } else { root.removeAttribute("data-lang"); lang = "both"; }
    var buttons = document.querySelectorAll("[data-lang-toggle]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", buttons[i].getAttribute("data-lang-toggle") === lang ? "true" : "false");
    }
  }
  var saved = null;
  try { saved = window.localStorage.getItem(KEY); } catch (e) { saved = null; }
  apply(saved || "both");
  // The table of contents starts folded on a narrow screen, where it sits above the text.
  var details = document.querySelector("nav.toc details");
  if (details && window.matchMedia && window.matchMedia("(max-width: 50rem)").matches) { details.open = false; }
  // The current position: the contents entry of the last heading scrolled past (or the :target) is marked
  // aria-current="location"; a link followed to an entry near the page's end marks that entry.
  var links = document.querySelectorAll("nav.toc a[href^='#']");
  var targets = [];
  for (var k = 0; k < links.length; k++) {
    var el = document.getElementById(decodeURIComponent(links[k].getAttribute("href").slice(1)));
    if (el) { targets.push([el, links[k]]); }
  }
  var marked = null;
  function mark() {
    var cur = null;
    for (var i = 0; i < targets.length; i++) {
      if (targets[i][0].getBoundingClientRect().top <= 80) { cur = targets[i][1]; } else { break; }
    }
    if (location.hash) {
      for (var j = 0; j < targets.length; j++) { var top = targets[j][0].getBoundingClientRect().top;
        if ("#" + targets[j][0].id === decodeURIComponent(location.hash) && top > -5 && top < window.innerHeight) { cur = targets[j][1]; } }
    }
    if (cur === marked) { return; }
    if (marked) { marked.removeAttribute("aria-current"); }
    if (cur) { cur.setAttribute("aria-current", "location"); }
    marked = cur;
  }
  if (targets.length) {
    var pending = false;
    window.addEventListener("scroll", function () { if (!pending) { pending = true; window.requestAnimationFrame(function () { pending = false; mark(); }); } }, { passive: true });
    window.addEventListener("hashchange", mark);
    mark();
  }
  // Defined terms: the meaning is written once, on the <dfn id="dfn-N" data-m="…">; a use
  // (<abbr class="term" data-d="N">) gets its tooltip (data-tip, title) when first hovered or focused.
  var terms = document.querySelectorAll("abbr.term");
  for (var n = 0; n < terms.length; n++) { terms[n].tabIndex = 0; }
  function tip(ev) {
    var a = ev.target.closest ? ev.target.closest("abbr.term[data-d]") : null;
    var x = ev.target.closest ? ev.target.closest(".xref-external:not([title])") : null;
    if (x) { x.setAttribute("title", "他の法令 (another law)"); }
    if (!a || a.hasAttribute("data-tip")) { return; }
    var d = document.getElementById("dfn-" + a.getAttribute("data-d"));
    var t = a.textContent + (d ? ": " + (d.getAttribute("data-m") || d.textContent) : "");
    a.setAttribute("data-tip", t);
    a.setAttribute("title", t);
  }
  // The permalink (¶): one link, moved into the row under the pointer or focus, out of the tab order.
  var perma = document.createElement("a");
  perma.className = "permalink";
  perma.tabIndex = -1;
  perma.textContent = "\u00b6";
  function permalink(ev) {
    var row = ev.target.closest ? ev.target.closest(".provision[id]") : null;
    if (!row || perma.parentNode === row) { return; }
    perma.href = "#" + row.id;
    perma.setAttribute("aria-label", "この規定へのリンク Link to " + row.id);
    row.appendChild(perma);
  }
  document.addEventListener("mouseover", function (ev) { tip(ev); permalink(ev); });
  document.addEventListener("focusin", function (ev) { tip(ev); permalink(ev); });
  var groups = document.querySelectorAll(".lang-toggle");
  for (var g = 0; g < groups.length; g++) { groups[g].hidden = false; }
  document.addEventListener("click", function (ev) {
    var t = ev.target.closest ? ev.target.closest("[data-lang-toggle]") : null;
    if (!t) { return; }
    var lang = t.getAttribute("data-lang-toggle");
    apply(lang);
    try { window.localStorage.setItem(KEY, lang); } catch (e) { /* storage unavailable (file://) */ }
  });
})();
