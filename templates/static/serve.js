// kitei serve: the drafting workspace. Sends the draft after each pause in typing, shows the panes the
// server computed (新旧対照表, 改め文), then asks for the impact list and the lint report, keeps the last good panes when
// the draft does not parse, says "timed out" in a pane the server gave up on, and warns a tab whose edits
// another tab replaced in the shared draft. Plain JS, no framework.
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
  window.kiteiLintLatency = [];
  var conflictRev = 0;
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
  function timedOut(what) {
    return "時間切れ: " + what + "を時間内に計算できませんでした（下書きが大きすぎるか、サーバーが混んでいます）。";
  }
  function show(p, started) {
    if (p.warning) notice(p.warning);
    rev = p.rev;
    var late = {}; (p.timed_out || []).forEach(function (k) { late[k] = true; });
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
    if (late.shinkyu) { $("shinkyu").srcdoc = '<p style="color:#b00020">' + timedOut("新旧対照表") + "</p>"; $("changes").textContent = "時間切れ"; }
    else { $("shinkyu").srcdoc = p.shinkyu_html; $("changes").textContent = p.changes + " 箇所"; }
    $("amend").textContent = late.amend ? timedOut("改め文") : p.amend.text || (p.amend.error ? "" : "（改正なし）");
    $("amend").className = "amend-text" + (late.amend ? " timed-out" : "");
    var check = $("check");
    if (late.amend) { check.textContent = "✗ 時間切れ"; check.className = "check bad"; }
    else if (p.amend.error) { check.textContent = "✗ 作成できません: " + p.amend.error; check.className = "check bad"; }
    else { check.textContent = p.amend.warnings.length ? "⚠ 自己検証: 注意 " + p.amend.warnings.length + " 件" : "✓ 自己検証済み（改正前に適用すると改正案と一致）"; check.className = "check " + (p.amend.warnings.length ? "bad" : "ok"); }
    var w = $("amend-warnings"); w.textContent = "";
    p.amend.warnings.forEach(function (m) { var li = document.createElement("li"); li.textContent = m; w.appendChild(li); });
    var ms = Math.round(performance.now() - started);
    window.kiteiLatency.push(Math.round(performance.now() - (lastInput || started)));
    $("status").textContent = "更新 " + ms + " ms";
    $("announce").textContent = "更新しました: 改正 " + p.changes + " 箇所" + (p.timed_out && p.timed_out.length ? "（時間切れあり）" : "");
    paintGutter();
    document.body.dataset.shown = String(++shown);
  }
  function showImpact(i) {
    if (i.parse_error) return;
    var impact = $("impact");
    if (i.timed_out) { impact.textContent = timedOut("影響"); impact.className = "impact-list timed-out"; $("impact-count").textContent = "時間切れ"; return; }
    // The server's HTML (the list `kitei impact --format html` writes, escaped there); links open the site beside.
    impact.innerHTML = i.impact_html; impact.className = "impact-list";
    impact.querySelectorAll("a").forEach(function (a) { a.target = "_blank"; a.rel = "noopener"; });
    $("impact-count").textContent = impact.querySelectorAll("section > ul > li").length + " 件";
  }
  function showLint(l) {
    if (l.parse_error) return;
    var ul = $("lint"); ul.textContent = "";
    if (l.timed_out) {
      findings = []; $("lint-count").textContent = "時間切れ";
      var li = document.createElement("li"); li.className = "timed-out"; li.textContent = timedOut("指摘"); ul.appendChild(li);
      paintGutter();
      return;
    }
    findings = l.lint;
    l.lint.forEach(function (f) {
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
    $("lint-count").textContent = l.lint.length + " 件";
    window.kiteiLintLatency.push(Math.round(performance.now() - lastInput));
    paintGutter();
    document.body.dataset.linted = String(Number(document.body.dataset.linted || 0) + 1);
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
    }).then(function (p) {
      if (my !== seq) return;
      show(p, started);
      // The impact list and the lint report come after the other panes, so that they never hold them up.
      if (p.parse_error) return;
      var follow = function (what, then) {
        return post(what, {}).then(function (r) { return r.ok ? r.json() : null; }).then(function (x) { if (x && my === seq) then(x); });
      };
      return Promise.all([follow("impact", showImpact), follow("lint", showLint)]);
    }).catch(function (e) { if (my === seq) $("status").textContent = "更新できません: " + e.message; });
  }
  // Another tab on this draft: learn that it replaced this tab's edits in the shared draft.
  function poll() {
    if (document.hidden) return;
    fetch("/api/" + encodeURIComponent(slug) + "/rev").then(function (r) { return r.ok ? r.json() : null; }).then(function (d) {
      if (!d || d.rev <= rev || d.tab === tab || d.rev <= conflictRev || d.base !== base.value) return;
      conflictRev = d.rev;
      $("conflict-msg").textContent = "別のタブがこの下書きを上書きしました（版 " + d.rev + "）。このタブの編集は共有の下書きに残っていません。保存すると、このタブの内容で上書きします。";
      $("conflict").hidden = false;
    }).catch(function () {});
  }
  setInterval(poll, 1500);
  $("conflict-load").addEventListener("click", function () { $("conflict").hidden = true; load(); });
  // Keeping this tab's text overwrites the other tab's knowingly: the write says it has seen that revision, so
  // the server does not warn about it again.
  $("conflict-keep").addEventListener("click", function () {
    $("conflict").hidden = true; rev = Math.max(rev, conflictRev); lastText = null; update();
  });
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
