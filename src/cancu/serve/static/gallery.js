// Saved-query gallery: cards from /queries, parameter forms, results as a sortable table + CSV.
(function () {
  "use strict";
  var gallery = document.getElementById("gallery");
  if (!gallery) { return; }
  var results = document.getElementById("results");
  var status = document.getElementById("run-status");
  var csv = document.getElementById("csv-link");
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }
  function cellNode(binding, label) {
    if (!binding) { return document.createTextNode(""); }
    if (binding.type === "uri") {
      var a = el("a", label ? label.value : binding.value);
      a.href = binding.value.indexOf("https://w3id.org/cancu/") === 0 ? "/page?iri=" + encodeURIComponent(binding.value) : binding.value;
      return a;
    }
    return document.createTextNode(binding.value);
  }
  function render(data) {
    while (results.firstChild) { results.removeChild(results.firstChild); }
    var vars = data.head.vars;
    var shown = vars.filter(function (v) { return !(vars.indexOf(v + "Label") >= 0 && !/Label$/.test(v)); });
    var table = el("table", null, "sortable"), thead = el("thead"), tr = el("tr"), tbody = el("tbody");
    shown.forEach(function (v) { tr.appendChild(el("th", v.replace(/Label$/, "") || v)); });
    thead.appendChild(tr); table.appendChild(thead);
    data.results.bindings.forEach(function (b) {
      var row = el("tr");
      shown.forEach(function (v) {
        var td = el("td"), iriVar = /Label$/.test(v) ? v.replace(/Label$/, "") : null;
        if (iriVar && b[iriVar] && b[iriVar].type === "uri") { td.appendChild(cellNode(b[iriVar], b[v])); }
        else { td.appendChild(cellNode(b[v])); }
        row.appendChild(td);
      });
      tbody.appendChild(row);
    });
    table.appendChild(tbody); results.appendChild(table);
    if (window.cancuSortable) { window.cancuSortable(table); }
  }
  function run(q, form) {
    var params = new URLSearchParams();
    Array.prototype.forEach.call(form.querySelectorAll("input"), function (i) { if (i.value) { params.set(i.name, i.value); } });
    var url = "/queries/" + encodeURIComponent(q.name) + "?" + params.toString();
    status.textContent = "Đang chạy · running " + q.name + "…";
    fetch(url, { headers: { Accept: "application/sparql-results+json" } }).then(function (r) {
      if (!r.ok) { return r.text().then(function (t) { throw new Error(t); }); }
      var cut = r.headers.get("X-Cancu-Truncated") === "true";
      return r.json().then(function (data) { return [data, cut]; });
    }).then(function (pair) {
      var n = pair[0].results.bindings.length;
      status.textContent = q.name + ": " + n + " dòng · rows" + (pair[1] ? " (đã cắt · truncated)" : "");
      status.setAttribute("data-rows", String(n));
      render(pair[0]);
      csv.href = url + (url.slice(-1) === "?" ? "" : "&") + "format=csv";
      csv.setAttribute("download", q.name + ".csv");
      csv.hidden = false;
    }).catch(function (e) { status.textContent = "Lỗi · error: " + e.message; });
  }
  function card(q) {
    var c = el("div", null, "card"), form = el("form");
    c.id = "query-" + q.name;
    c.appendChild(el("h3", q.name));
    c.appendChild(el("p", q.summary));
    var en = el("p", q.summary_en, "small"); en.lang = "en"; c.appendChild(en);
    q.params.forEach(function (p) {
      var label = el("label", p.name + " (" + p.type + (p.required ? ", bắt buộc · required" : "") + ")");
      var input = el("input"); input.name = p.name; input.value = p.default || ""; input.required = p.required;
      label.appendChild(input); form.appendChild(label);
    });
    var button = el("button", "Chạy · run"); button.type = "submit"; button.name = "run";
    form.appendChild(button);
    form.addEventListener("submit", function (e) { e.preventDefault(); run(q, form); });
    c.appendChild(form);
    return c;
  }
  fetch("/queries", { headers: { Accept: "application/json" } }).then(function (r) { return r.json(); })
    .then(function (data) { data.queries.forEach(function (q) { gallery.appendChild(card(q)); }); });
})();
