// The index page: filter as you type (title in Japanese or English, number; full-width and half-width alike),
// by category, and sort by title, number or 施行日 (click a column heading; again to reverse). Everything is
// read from the rows' data- attributes, so it works from file:// with nothing fetched.
(function () {
  "use strict";
  var table = document.getElementById("reg-index");
  var tools = document.querySelector(".index-tools");
  if (!table || !tools) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var input = document.getElementById("index-filter");
  var category = document.getElementById("index-category");
  var count = tools.querySelector(".index-count");
  var none = document.querySelector(".index-none");
  var norm = function (s) { return (s || "").normalize("NFKC").toLowerCase(); };
  var haystack = rows.map(function (r) { return norm(r.getAttribute("data-search")); });
  tools.hidden = false;

  function filter() {
    var words = norm(input.value).split(/\s+/).filter(Boolean);
    var cat = category ? category.value : "";
    var shown = 0;
    rows.forEach(function (r, i) {
      var ok = (!cat || r.getAttribute("data-category") === cat) &&
        words.every(function (w) { return haystack[i].indexOf(w) >= 0; });
      r.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = shown + " / " + rows.length + " 件";
    none.hidden = shown > 0;
  }

  var keys = { title: "data-title", number: "data-number", date: "data-date" };
  var collator = new Intl.Collator("ja");
  var heads = Array.prototype.slice.call(table.tHead.querySelectorAll("th[data-sort]"));
  heads.forEach(function (th) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "sort";
    while (th.firstChild) { b.appendChild(th.firstChild); }
    th.appendChild(b);
    b.addEventListener("click", function () {
      var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
      var attr = keys[th.getAttribute("data-sort")];
      // Rows without a number (or date) go last either way; ties keep the folder order.
      var sorted = rows.map(function (r, i) { return [r, i]; }).sort(function (x, y) {
        var a = x[0].getAttribute(attr) || "", c = y[0].getAttribute(attr) || "";
        if (!a || !c) { return (!a) - (!c) || x[1] - y[1]; }
        return dir * collator.compare(a, c) || x[1] - y[1];
      });
      sorted.forEach(function (p) { body.appendChild(p[0]); });
    });
  });
  input.addEventListener("input", filter);
  if (category) { category.addEventListener("change", filter); }
  filter();
}());
