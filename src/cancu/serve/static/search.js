// Search box: /search?q=… as a person types (folded matching on the server). textContent only.
(function () {
  "use strict";
  var box = document.getElementById("search");
  var list = document.getElementById("search-results");
  if (!box || !list) { return; }
  var KINDS = { agency: "cơ quan", document: "văn bản", instrument: "văn bản dẫn chiếu", task: "nhiệm vụ", duty: "nhiệm vụ" };
  var timer = null, seq = 0;
  function clear() { while (list.firstChild) { list.removeChild(list.firstChild); } }
  function show(results) {
    clear();
    results.forEach(function (r) {
      var li = document.createElement("li"), a = document.createElement("a"), k = document.createElement("span");
      k.className = "kind"; k.textContent = KINDS[r.kind] || r.kind;
      a.href = r.page; a.appendChild(k); a.appendChild(document.createTextNode(r.label));
      if (r.label_en) { a.title = r.label_en; }
      li.appendChild(a); list.appendChild(li);
    });
  }
  box.addEventListener("input", function () {
    clearTimeout(timer);
    var q = box.value.trim();
    if (q.length < 2) { clear(); return; }
    timer = setTimeout(function () {
      var mine = ++seq;
      fetch("/search?q=" + encodeURIComponent(q)).then(function (r) { return r.json(); })
        .then(function (data) { if (mine === seq) { show(data.results); } });
    }, 150);
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") { clear(); } });
})();
