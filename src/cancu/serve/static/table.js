// Sortable tables: click a header to sort (numbers as numbers, text with Vietnamese collation).
(function () {
  "use strict";
  var collator = new Intl.Collator("vi", { numeric: true, sensitivity: "base" });
  function key(cell) { return (cell && cell.textContent || "").trim(); }
  function compare(a, b) {
    var x = parseFloat(a.replace(/\./g, "").replace(",", ".")), y = parseFloat(b.replace(/\./g, "").replace(",", "."));
    if (!isNaN(x) && !isNaN(y) && /^[\d.,\s-]+$/.test(a) && /^[\d.,\s-]+$/.test(b)) { return x - y; }
    return collator.compare(a, b);
  }
  function sortBy(table, th) {
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var asc = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(th.parentNode.children, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) { var c = compare(key(r1.cells[index]), key(r2.cells[index])); return asc ? c : -c; });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  function enable(table) {
    if (table.dataset.sortable === "on") { return; }
    table.dataset.sortable = "on";
    Array.prototype.forEach.call(table.querySelectorAll("thead th"), function (th) {
      th.addEventListener("click", function () { sortBy(table, th); });
    });
  }
  window.cancuSortable = enable;
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), enable);
  });
})();
