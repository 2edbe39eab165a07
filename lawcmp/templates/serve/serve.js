// The bill editor: as the drafter types, the bill is sent to /api/check (300 ms after the
// last key), and the diagnostics and the what-if table are written again from the answer.
// Every word comes from the page (#words, the glossary); text is set as text, never as HTML.
(function () {
  "use strict";
  var area = document.getElementById("bill-text");
  if (!area) { return; }
  var words = JSON.parse(document.getElementById("words").textContent);
  var form = document.getElementById("bill-form");
  var status = document.getElementById("status");
  var problems = document.getElementById("problems");
  var summary = document.getElementById("whatif-summary");
  var body = document.querySelector("#ratings tbody");
  var timer = null;
  var sent = 0;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? String(values[k]) : m; });
  }

  function showProblems(list) {
    problems.replaceChildren();
    if (list.length === 0) { problems.appendChild(el("li", words.no_problems, "ok")); return; }
    list.forEach(function (p) {
      var li = el("li", null, p.severity);
      li.dataset.code = p.code;
      li.appendChild(el("code", p.code));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("span", fill(words.position, p), "where"));
      li.appendChild(document.createTextNode(" " + p.message));
      if (p.hint) { li.appendChild(document.createTextNode(" ")); li.appendChild(el("em", p.hint)); }
      problems.appendChild(li);
    });
  }

  function rating(cls, code, label) {
    var td = el("td", code, cls + " r-" + code);
    td.dataset.rating = code;
    td.title = label;
    return td;
  }

  function showWhatif(w, hasProblems) {
    body.replaceChildren();
    if (!w) { summary.textContent = hasProblems ? words.fix_first : words.no_whatif; return; }
    summary.textContent = fill(words.whatif_counts, w.counts);
    w.changes.forEach(function (c) {
      var tr = el("tr", null, "s-" + c.status);
      tr.dataset.obligation = c.obligation;
      var th = el("th", c.obligation);
      th.scope = "row";
      th.title = c.title;
      tr.appendChild(th);
      tr.appendChild(rating("current", c.current, c.current_label));
      tr.appendChild(rating("projected", c.projected, c.projected_label));
      tr.appendChild(el("td", c.status_text, "status"));
      tr.appendChild(el("td", c.flips.join("; "), "flips"));
      body.appendChild(tr);
    });
  }

  function check() {
    var mine = ++sent;
    status.textContent = words.checking;
    fetch("/api/check", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: area.value, name: form.elements.name.value, lang: document.documentElement.lang })
    }).then(function (r) {
      return r.json().then(function (data) { return { ok: r.ok, data: data }; });
    }).then(function (answer) {
      if (mine !== sent) { return; }  // a later edit is on its way; its answer is the one to show
      if (!answer.ok) { status.textContent = fill(words.failed, { message: answer.data.error || "" }); return; }
      var errors = answer.data.diagnostics.filter(function (p) { return p.severity === "error"; });
      showProblems(answer.data.diagnostics);
      showWhatif(answer.data.whatif, errors.length > 0);
      status.textContent = words.checked;
    }).catch(function (e) {
      if (mine === sent) { status.textContent = fill(words.failed, { message: String(e) }); }
    });
  }

  area.addEventListener("input", function () {
    if (timer !== null) { clearTimeout(timer); }
    timer = setTimeout(check, 300);
  });
}());
