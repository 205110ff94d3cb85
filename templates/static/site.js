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
