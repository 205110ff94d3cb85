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
