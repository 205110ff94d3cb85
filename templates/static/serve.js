// kitei serve: the drafting workspace. Sends the draft after each pause in typing, shows the panes the
// server computed, keeps the last good panes when the draft does not parse. Plain JS, no framework.
(function () {
  "use strict";
  var slug = document.body.dataset.slug;
  var $ = function (id) { return document.getElementById(id); };
  var draft = $("draft"), gutter = $("gutter"), base = $("base");
  var tab = Math.random().toString(36).slice(2);
  var rev = 0, seq = 0, shown = 0, timer = null, inflight = null, lastText = null;
  var findings = [], errorLine = 0;
  // For the browser test and the curious: milliseconds from the last keystroke to the panes shown.
  window.kiteiLatency = [];
  var lastInput = 0;

  function post(action, body) {
    body.base = base.value; body.text = draft.value; body.tab = tab; body.rev = rev;
    return fetch("/api/" + encodeURIComponent(slug) + "/" + action, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
    });
  }
  function notice(msg, ok) {
    var n = $("notice"); n.textContent = msg; n.hidden = !msg; n.className = "notice" + (ok ? " ok" : "");
  }
  function paintGutter() {
    var lines = draft.value.split("\n").length, marks = {};
    findings.forEach(function (f) { if (f.line) marks[f.line] = f.severity === "error" ? "e" : (marks[f.line] || "w"); });
    if (errorLine) marks[errorLine] = "e";
    var html = [];
    for (var i = 1; i <= lines; i++) html.push(marks[i] ? '<span class="' + marks[i] + '">' + i + "</span>" : String(i));
    gutter.innerHTML = html.join("\n") + "\n";
    gutter.scrollTop = draft.scrollTop;
  }
  function goLine(line) {
    var pos = 0, t = draft.value;
    for (var i = 1; i < line && pos >= 0; i++) pos = t.indexOf("\n", pos) + 1;
    draft.focus(); draft.setSelectionRange(pos, pos);
    draft.scrollTop = Math.max(0, (line - 5) * parseFloat(getComputedStyle(draft).lineHeight));
  }
  function show(p, started) {
    if (p.warning) notice(p.warning);
    rev = p.rev;
    var err = $("parse-error");
    if (p.parse_error) {
      errorLine = p.parse_error.line;
      err.hidden = false;
      err.textContent = (p.parse_error.line ? p.parse_error.line + "行" + p.parse_error.column + "列: " : "") + p.parse_error.message + "（各欄は直前の結果のままです）";
      $("status").textContent = "構文エラー";
      $("announce").textContent = "構文エラー " + p.parse_error.line + "行";
      paintGutter();
      return;
    }
    errorLine = 0; err.hidden = true;
    $("shinkyu").srcdoc = p.shinkyu_html;
    $("changes").textContent = p.changes + " 箇所";
    $("amend").textContent = p.amend.text || (p.amend.error ? "" : "（改正なし）");
    var check = $("check");
    if (p.amend.error) { check.textContent = "✗ 作成できません: " + p.amend.error; check.className = "check bad"; }
    else { check.textContent = p.amend.warnings.length ? "⚠ 自己検証: 注意 " + p.amend.warnings.length + " 件" : "✓ 自己検証済み（改正前に適用すると改正案と一致）"; check.className = "check " + (p.amend.warnings.length ? "bad" : "ok"); }
    var w = $("amend-warnings"); w.textContent = "";
    p.amend.warnings.forEach(function (m) { var li = document.createElement("li"); li.textContent = m; w.appendChild(li); });
    findings = p.lint;
    var ul = $("lint"); ul.textContent = "";
    p.lint.forEach(function (f) {
      var li = document.createElement("li"); li.tabIndex = 0;
      var sev = document.createElement("span"); sev.className = "sev " + f.severity; sev.textContent = f.severity === "error" ? "誤り" : f.severity === "warning" ? "注意" : "情報";
      li.appendChild(sev);
      li.appendChild(document.createTextNode((f.line ? f.line + "行 " : "") + f.message + " "));
      var c = document.createElement("code"); c.textContent = f.code; li.appendChild(c);
      var go = function () { if (f.line) goLine(f.line); };
      li.addEventListener("click", go);
      li.addEventListener("keydown", function (e) { if (e.key === "Enter") go(); });
      ul.appendChild(li);
    });
    $("lint-count").textContent = p.lint.length + " 件";
    if (p.impact) $("impact").textContent = p.impact.join("\n");
    var ms = Math.round(performance.now() - started);
    window.kiteiLatency.push(Math.round(performance.now() - (lastInput || started)));
    $("status").textContent = "更新 " + ms + " ms";
    $("announce").textContent = "更新しました: 改正 " + p.changes + " 箇所、指摘 " + p.lint.length + " 件";
    paintGutter();
    document.body.dataset.shown = String(++shown);
  }
  function update() {
    if (draft.value === lastText) return;
    lastText = draft.value;
    var my = ++seq, started = performance.now();
    if (inflight) inflight.abort && inflight.abort();
    $("status").textContent = "更新中…";
    post("panes", {}).then(function (r) {
      if (!r.ok) return r.text().then(function (t) { throw new Error(t); });
      return r.json();
    }).then(function (p) { if (my === seq) show(p, started); })
      .catch(function (e) { if (my === seq) $("status").textContent = "更新できません: " + e.message; });
  }
  function schedule() { lastInput = performance.now(); paintGutter(); clearTimeout(timer); timer = setTimeout(update, 60); }
  function load() {
    fetch("/api/" + encodeURIComponent(slug) + "/draft?base=" + encodeURIComponent(base.value))
      .then(function (r) { return r.json(); })
      .then(function (d) {
        draft.value = d.text; rev = d.rev; lastText = null;
        if (d.kept) notice("保存されていない下書きを復元しました（他のタブの編集を含みます）。", true); else notice("");
        update();
      });
  }
  function save(overwrite) {
    var date = $("date").value.trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) { notice("施行日を YYYY-MM-DD で入力してください。"); $("date").focus(); return; }
    post("save", { date: date, overwrite: !!overwrite }).then(function (r) {
      if (r.status === 409) return r.json().then(function (j) {
        if (confirm(j.exists + " は既にあります。上書きしますか？")) save(true); else notice("保存を取り消しました。");
      });
      if (!r.ok) return r.text().then(function (t) { notice(t); });
      return r.json().then(function (j) { notice(j.saved + " として保存しました。サイトは数秒で更新されます。", true); $("announce").textContent = j.saved + " を保存しました"; });
    });
  }
  function download(what, format) {
    post("download", { what: what, format: format }).then(function (r) {
      if (!r.ok) return r.text().then(function (t) { notice(t); });
      var name = (r.headers.get("Content-Disposition") || "").replace(/.*filename="([^"]+)".*/, "$1");
      return r.blob().then(function (b) {
        var a = document.createElement("a"); a.href = URL.createObjectURL(b); a.download = name || "download";
        document.body.appendChild(a); a.click(); a.remove();
      });
    });
  }
  draft.addEventListener("input", schedule);
  draft.addEventListener("scroll", function () { gutter.scrollTop = draft.scrollTop; });
  base.addEventListener("change", load);
  // Bring the first changed row of the 新旧対照表 into view each time it is redrawn.
  $("shinkyu").addEventListener("load", function () {
    var d = $("shinkyu").contentDocument, mark = d && d.querySelector("td u, td .mark");
    if (mark) { var row = mark.closest("tr") || mark; d.documentElement.scrollTop += row.getBoundingClientRect().top - 8; }
  });
  $("controls").addEventListener("submit", function (e) { e.preventDefault(); save(false); });
  document.querySelectorAll(".downloads button").forEach(function (b) {
    b.addEventListener("click", function () { download(b.dataset.what, b.dataset.format); });
  });
  var panes = ["draft", "pane-shinkyu", "pane-amend", "pane-lint", "pane-impact"];
  document.addEventListener("keydown", function (e) {
    if (e.altKey && e.key >= "1" && e.key <= "5") { e.preventDefault(); $(panes[e.key - 1]).focus(); }
    if ((e.ctrlKey || e.metaKey) && e.key === "s") { e.preventDefault(); save(false); }
  });
  load();
})();
