/* cancu graph page: builds a Cytoscape.js graph from the JSON block #graph-data.
 * Every string from the documents reaches the page through textContent or the canvas,
 * never through innerHTML. Exposes window.cancuGraph for tests and benchmarks. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var ITEM = { task: 1, duty: 1 };
  var AGENT = { agency: 1, group: 1, unresolved: 1 };
  var KIND = {
    agency: ["Cơ quan / Agency", "#e67e22", "round-rectangle"],
    group: ["Nhóm cơ quan / Agency group", "#f5b041", "hexagon"],
    unresolved: ["Tên chưa xác định / Unresolved name", "#b3b6b7", "diamond"],
    task: ["Nhiệm vụ / Task", "#5dade2", "ellipse"],
    duty: ["Nhiệm vụ được giao / Duty", "#58d68d", "triangle"],
    document: ["Văn bản nguồn / Source document", "#8e44ad", "rectangle"],
    instrument: ["Văn bản được dẫn / Cited instrument", "#ec7063", "rhomboid"]
  };
  var EDGE = {
    lead: ["Chủ trì / Lead", "#c0392b"],
    coordinating: ["Phối hợp / Coordinating", "#2471a3"],
    assigned: ["Được giao / Assigned", "#1e8449"],
    based_on: ["Căn cứ / Based on", "#5b2c6f"],
    cites: ["Dẫn chiếu / Cites", "#95a5a6"],
    shared: ["Cùng nhiệm vụ / Shared tasks", "#7f8c8d"]
  };
  var PALETTE = ["#1f77b4", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#bcbd22", "#ff7f0e", "#393b79", "#637939", "#843c39", "#7b4173", "#3182bd", "#31a354"];
  var LEVELS = { tinh: "Cấp tỉnh", huyen: "Cấp huyện", xa: "Cấp xã", "trung-uong": "Trung ương" };
  var PERIODS = { ongoing: "Thường xuyên / Ongoing", none: "(không ghi) / none" };

  /** Lowercase, no diacritics, đ → d: "Sở Tài chính" and "so tai chinh" agree. */
  function fold(s) {
    return String(s == null ? "" : s).toLowerCase().replace(/đ/g, "d")
      .normalize("NFD").replace(/\p{M}/gu, "").replace(/[^a-z0-9.]+/g, " ").trim();
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text != null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function short(s, n) { s = String(s || ""); return s.length > n ? s.slice(0, n - 1) + "…" : s; }
  function money(v) { return Number(v).toLocaleString("vi-VN") + " đồng"; }

  // ---------------------------------------------------------------- elements
  var areaColour = {};
  var areaIds = [];
  data.nodes.forEach(function (n) {
    if (ITEM[n.kind] && n.group && !(n.group in areaColour)) { areaColour[n.group] = 1; areaIds.push(n.group); }
  });
  areaIds.sort();
  areaIds.forEach(function (g, i) { areaColour[g] = PALETTE[i % PALETTE.length]; });
  var typeColour = {};
  var types = [];
  data.nodes.forEach(function (n) { if (n.kind === "instrument" && !(n.type_code in typeColour)) { typeColour[n.type_code] = 1; types.push(n.type_code); } });
  types.sort().forEach(function (t, i) { typeColour[t] = PALETTE[(i + 5) % PALETTE.length]; });

  var degree = {};
  data.edges.forEach(function (e) {
    var w = data.view === "collaboration" ? Number(e.weight || 1) : 1;
    degree[e.source] = (degree[e.source] || 0) + w;
    degree[e.target] = (degree[e.target] || 0) + w;
  });
  var maxBudget = 1, maxDegree = 1;
  data.nodes.forEach(function (n) {
    if (ITEM[n.kind]) maxBudget = Math.max(maxBudget, Number(n.budget || 0));
    else maxDegree = Math.max(maxDegree, degree[n.id] || 0);
  });

  var groupLabel = {};
  data.groups.forEach(function (g) { groupLabel[g.id] = g.label; });
  var elements = [];
  var parents = {};
  data.nodes.forEach(function (n) {
    var d = Object.assign({}, n);
    d.colour = ITEM[n.kind] ? (areaColour[n.group] || KIND[n.kind][1])
      : n.kind === "instrument" ? (typeColour[n.type_code] || KIND.instrument[1])
      : (KIND[n.kind] || KIND.unresolved)[1];
    d.shape = (KIND[n.kind] || KIND.unresolved)[2];
    d.size = ITEM[n.kind] ? 14 + 40 * Math.sqrt(Number(n.budget || 0) / maxBudget)
      : 18 + 50 * Math.sqrt((degree[n.id] || 0) / maxDegree);
    d.short = ITEM[n.kind] ? short(n.numbering || n.label, 14) : short(n.number || n.label, 36);
    if (n.group && !AGENT[n.kind] && n.kind !== "document") {
      d.parent = "group:" + n.group;
      parents[d.parent] = n.group;
    }
    elements.push({ group: "nodes", data: d });
  });
  Object.keys(parents).forEach(function (pid) {
    elements.push({ group: "nodes", data: { id: pid, label: groupLabel[parents[pid]] || parents[pid], kind: "compound",
      colour: areaColour[parents[pid]] || "#95a5a6" } });
  });
  data.edges.forEach(function (e, i) {
    var kind = e.role || e.relation || "shared";
    elements.push({ group: "edges", data: Object.assign({}, e, {
      id: "e" + i, kind: kind, colour: (EDGE[kind] || EDGE.shared)[1],
      width: data.view === "collaboration" ? 1 + Math.min(Number(e.weight || 1), 12) : 1.5 }) });
  });

  var big = data.edges.length > 2500 || data.nodes.length > 1500;
  var tBuild = performance.now();
  var cy = cytoscape({
    container: document.getElementById("cy"),
    elements: elements,
    layout: { name: "preset" },
    minZoom: 0.02,
    maxZoom: 4,
    hideEdgesOnViewport: big,
    textureOnViewport: big,
    pixelRatio: big ? 1 : "auto",
    style: [
      { selector: "node[size]", style: {
        "background-color": "data(colour)", shape: "data(shape)", width: "data(size)", height: "data(size)",
        label: "data(short)", "font-size": 10, "text-valign": "bottom", "text-margin-y": 2,
        "text-wrap": "ellipsis", "text-max-width": 160, "min-zoomed-font-size": 7,
        "border-width": 1, "border-color": "#2c3e50" } },
      { selector: "node[kind = 'agency'], node[kind = 'group'], node[kind = 'unresolved'], node[kind = 'document']",
        style: { "font-size": 13, "font-weight": "bold", "min-zoomed-font-size": 3, "text-background-color": "#fff",
          "text-background-opacity": 0.8, "text-background-padding": 1, "z-index": 10 } },
      { selector: ":parent", style: {
        "background-color": "data(colour)", "background-opacity": 0.07, "border-color": "data(colour)",
        "border-width": 2, shape: "round-rectangle", label: "data(label)", "text-valign": "top",
        "font-size": 16, "font-weight": "bold", color: "#1d2430", "text-wrap": "wrap",
        "text-max-width": 420, padding: 14, "min-zoomed-font-size": 4 } },
      { selector: "edge", style: {
        width: "data(width)", "line-color": "data(colour)", opacity: 0.55, "curve-style": "haystack" } },
      { selector: "edge[kind = 'coordinating'], edge[kind = 'cites']", style: { "line-style": "dashed", "curve-style": "straight" } },
      { selector: ".hidden", style: { display: "none" } },
      { selector: ".faded", style: { opacity: 0.12 } },
      { selector: "node.match", style: { "border-width": 4, "border-color": "#f1c40f", "z-index": 20 } },
      { selector: "node:selected", style: { "border-width": 5, "border-color": "#e74c3c" } }
    ]
  });

  // ------------------------------------------------------------------ layout
  function layoutGroups() {
    var centre = cy.nodes().filter(function (n) { return !n.isParent() && !n.isChild(); });
    var groups = cy.nodes(":parent").sort(function (a, b) { return a.data("label") < b.data("label") ? -1 : 1; });
    var pos = {};
    var cell = 56;
    centre = centre.sort(function (a, b) { return (degree[b.id()] || 0) - (degree[a.id()] || 0); });
    var rc = Math.max(60, centre.length * 70 / (2 * Math.PI));
    centre.forEach(function (n, i) {
      var a = 2 * Math.PI * i / Math.max(1, centre.length);
      pos[n.id()] = { x: rc * Math.cos(a), y: rc * Math.sin(a) };
    });
    var blocks = groups.map(function (g) {
      var kids = g.children().sort(function (a, b) { return (a.data("line_start") || 0) - (b.data("line_start") || 0); });
      var cols = Math.ceil(Math.sqrt(kids.length * 1.6));
      var rows = Math.ceil(kids.length / cols);
      return { kids: kids, cols: cols, w: cols * cell, h: rows * cell, diag: Math.hypot(cols * cell, rows * cell) };
    });
    var total = blocks.reduce(function (s, b) { return s + b.diag + 90; }, 0);
    var maxDiag = blocks.reduce(function (m, b) { return Math.max(m, b.diag); }, 0);
    var r = Math.max(rc + maxDiag / 2 + 120, total / (2 * Math.PI));
    var acc = 0;
    blocks.forEach(function (b) {
      var a = 2 * Math.PI * (acc + (b.diag + 90) / 2) / total - Math.PI / 2;
      acc += b.diag + 90;
      var cx = r * Math.cos(a) - b.w / 2, cyy = r * Math.sin(a) - b.h / 2;
      b.kids.forEach(function (n, i) {
        pos[n.id()] = { x: cx + (i % b.cols) * cell + cell / 2, y: cyy + Math.floor(i / b.cols) * cell + cell / 2 };
      });
    });
    cy.batch(function () {
      cy.nodes().not(":parent").positions(function (n) { return pos[n.id()] || { x: 0, y: 0 }; });
    });
  }

  function runLayout(name) {
    var visible = cy.elements().not(".hidden");
    if (name === "groups") layoutGroups();
    else if (name === "concentric") {
      visible.layout({ name: "concentric", animate: false, minNodeSpacing: 12,
        concentric: function (n) { return AGENT[n.data("kind")] || n.data("kind") === "document" ? 2 : 1; },
        levelWidth: function () { return 1; } }).run();
    } else {
      visible.layout({ name: "cose", animate: false, randomize: false, nodeRepulsion: function () { return 9000; },
        idealEdgeLength: function () { return 90; }, numIter: big ? 300 : 1000, nestingFactor: 1.2 }).run();
    }
    cy.fit(cy.elements().not(".hidden"), 30);
  }

  // ----------------------------------------------------------------- filters
  var sel = {
    agency: document.getElementById("f-agency"), area: document.getElementById("f-area"),
    level: document.getElementById("f-level"), period: document.getElementById("f-period")
  };
  function fill(name, options) {
    var box = document.getElementById("box-" + name);
    sel[name].replaceChildren(el("option", "(tất cả / all)"));
    sel[name].firstChild.value = "";
    options.forEach(function (o) { var opt = el("option", o[1]); opt.value = o[0]; sel[name].appendChild(opt); });
    box.hidden = options.length === 0;
  }
  function distinct(pick) {
    var seen = {};
    var out = [];
    cy.nodes().forEach(function (n) { pick(n.data()).forEach(function (o) { if (o && !(o[0] in seen)) { seen[o[0]] = 1; out.push(o); } }); });
    return out.sort(function (a, b) { return a[1].localeCompare(b[1], "vi"); });
  }
  fill("agency", distinct(function (d) { return AGENT[d.kind] ? [[d.id, d.label]] : []; }));
  fill("area", distinct(function (d) { return ITEM[d.kind] && d.area ? [[d.area, d.area_label]] : []; }));
  fill("level", distinct(function (d) {
    return ITEM[d.kind] && d.levels ? d.levels.split(" ").map(function (l) { return [l, LEVELS[l] || l]; }) : [];
  }));
  fill("period", distinct(function (d) { return ITEM[d.kind] ? [[d.period, PERIODS[d.period] || d.period]] : []; }));

  function passes(d, f) {
    return (!f.area || d.area === f.area) && (!f.period || d.period === f.period) &&
      (!f.level || (" " + (d.levels || "") + " ").indexOf(" " + f.level + " ") >= 0);
  }
  function applyFilters() {
    var f = { agency: sel.agency.value, area: sel.area.value, level: sel.level.value, period: sel.period.value };
    var active = f.agency || f.area || f.level || f.period;
    var items = cy.nodes().filter(function (n) { return ITEM[n.data("kind")]; });
    var agency = f.agency ? cy.getElementById(f.agency) : null;
    var visible;
    if (!active) visible = cy.nodes();
    else if (items.length === 0) visible = agency ? agency.closedNeighborhood().nodes() : cy.nodes();
    else {
      var keep = items.filter(function (n) {
        return passes(n.data(), f) && (!agency || n.neighborhood().nodes().contains(agency));
      });
      var docs = {};
      keep.forEach(function (n) { docs[n.data("document")] = 1; });
      var docNodes = cy.nodes().filter(function (n) { return n.data("kind") === "document" && docs[n.id()]; });
      var basis = docNodes.outgoers("edge[kind = 'based_on']").targets();
      visible = keep.union(keep.neighborhood().nodes()).union(docNodes).union(basis);
    }
    cy.batch(function () {
      cy.nodes().not(":parent").addClass("hidden");
      visible.not(":parent").removeClass("hidden");
      cy.nodes(":parent").forEach(function (p) {
        p.toggleClass("hidden", p.children().not(".hidden").length === 0);
      });
    });
    updateCounts();
    if (searchBox.value) runSearch();
    cy.fit(cy.elements().not(".hidden"), 30);
    return visible.not(":parent").length;
  }
  Object.keys(sel).forEach(function (k) { sel[k].addEventListener("change", applyFilters); });

  // ------------------------------------------------------------------ search
  var searchBox = document.getElementById("search");
  var index = {};
  cy.nodes().not(":parent").forEach(function (n) {
    var d = n.data();
    index[n.id()] = fold([d.label, d.label_en, d.numbering, d.text, d.number, d.title].join(" "));
  });
  function runSearch() {
    var q = fold(searchBox.value);
    var out = document.getElementById("search-count");
    var shown = cy.nodes().not(":parent").not(".hidden");
    var matches = q ? shown.filter(function (n) { return index[n.id()].indexOf(q) >= 0; }) : cy.collection();
    cy.batch(function () {
      cy.elements().removeClass("faded match");
      if (q) {
        matches.addClass("match");
        cy.elements().not(matches).not(matches.connectedEdges()).not(":parent").addClass("faded");
      }
    });
    out.textContent = q ? matches.length + " kết quả / results" : "";
    if (matches.length) cy.fit(matches, 60);
    return matches.length;
  }
  var timer = null;
  searchBox.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(runSearch, 120); });

  // ----------------------------------------------------------------- details
  var FIELDS = [
    ["kindLabel", "Loại / Kind"], ["label", "Tên / Label"], ["label_en", "Tiếng Anh / English"],
    ["numbering", "Số thứ tự / Numbering"], ["text", "Nội dung / Text"],
    ["document_label", "Văn bản / Document"], ["area_label", "Lĩnh vực / Reform area"],
    ["levelsLabel", "Cấp / Levels"], ["lead", "Chủ trì / Lead"], ["coordinating", "Phối hợp / Coordinating"],
    ["assigned", "Được giao / Assigned"], ["deadline", "Thời hạn / Deadline"], ["budgetLabel", "Kinh phí / Budget"],
    ["legal_basis", "Căn cứ, dẫn chiếu / Legal basis"], ["number", "Số hiệu / Number"],
    ["type_code", "Loại văn bản / Type"], ["date", "Ngày / Date"], ["title", "Trích yếu / Title"],
    ["issuer_label", "Cơ quan ban hành / Issuer"], ["tasks_led", "Số nhiệm vụ chủ trì / Tasks led"],
    ["tasks_coordinated", "Số nhiệm vụ phối hợp / Tasks coordinated"], ["duties_assigned", "Nhiệm vụ được giao / Duties"],
    ["budgetLedLabel", "Kinh phí chủ trì / Budget led"], ["degree", "Bậc cộng tác / Collaboration degree"],
    ["betweenness", "Trung gian / Betweenness"], ["members", "Số thành viên đã biết / Known members"],
    ["lines", "Dòng nguồn / Source lines"], ["id", "IRI"]
  ];
  function showDetails(d) {
    var list = document.getElementById("details-list");
    var link = document.getElementById("details-link");
    var x = Object.assign({}, d);
    x.kindLabel = (KIND[d.kind] || [d.kind])[0];
    if (d.levels) x.levelsLabel = d.levels.split(" ").map(function (l) { return LEVELS[l] || l; }).join(", ");
    if (Number(d.budget) > 0) x.budgetLabel = money(d.budget);
    if (Number(d.budget_led) > 0) x.budgetLedLabel = money(d.budget_led);
    if (d.line_start) x.lines = d.line_start + "–" + d.line_end;
    if (d.kind === "compound") { x.kindLabel = "Nhóm / Group"; x.members = cy.getElementById(d.id).children().length; }
    list.replaceChildren();
    FIELDS.forEach(function (f) {
      var v = x[f[0]];
      if (v === undefined || v === null || v === "" || (f[0] === "members" && !v)) return;
      list.appendChild(el("dt", f[1]));
      list.appendChild(el("dd", v));
    });
    document.getElementById("details-hint").hidden = true;
    if (d.kind !== "compound" && /^https?:/.test(String(d.id))) {
      link.href = data.server_url.replace(/\/$/, "") + "/page?iri=" + encodeURIComponent(d.id);
      link.textContent = "Mở trang trên máy chủ / Open its page on the server";
      link.hidden = false;
    } else link.hidden = true;
  }
  cy.on("tap", "node", function (evt) { showDetails(evt.target.data()); });

  // ------------------------------------------------------------------ legend
  function legend() {
    var box = document.getElementById("legend");
    box.replaceChildren();
    function section(title, rows, line) {
      if (!rows.length) return;
      var s = el("div", null, "legend-section");
      s.appendChild(el("div", title, "legend-title"));
      rows.forEach(function (r) {
        var row = el("div", null, "legend-row");
        var sw = el("span", null, "swatch" + (line ? " line" : ""));
        sw.style.background = r[1];
        row.appendChild(sw);
        row.appendChild(el("span", r[0]));
        s.appendChild(row);
      });
      box.appendChild(s);
    }
    var kinds = {}, roles = {};
    data.nodes.forEach(function (n) { kinds[n.kind] = 1; });
    data.edges.forEach(function (e) { roles[e.role || e.relation || "shared"] = 1; });
    section("Nút / Nodes", Object.keys(KIND).filter(function (k) { return kinds[k] && !(ITEM[k] && areaIds.length); })
      .map(function (k) { return [KIND[k][0], KIND[k][1]]; }));
    section("Màu nhiệm vụ theo nhóm / Item colour by group", areaIds.map(function (g) { return [groupLabel[g] || g, areaColour[g]]; }));
    section("Màu văn bản theo loại / Instrument type", types.map(function (t) { return [t || "?", typeColour[t]]; }));
    section("Cạnh / Edges", Object.keys(EDGE).filter(function (k) { return roles[k]; })
      .map(function (k) { return [EDGE[k][0], EDGE[k][1]]; }), true);
    box.appendChild(el("p", data.view === "collaboration"
      ? "Kích thước: số nhiệm vụ chung · Size: shared tasks"
      : "Kích thước nhiệm vụ: kinh phí; cơ quan: số liên kết · Size: budget (tasks), links (agencies)", "small"));
  }

  function updateCounts() {
    var n = cy.nodes().not(":parent").not(".hidden").length;
    var e = cy.edges().filter(function (x) { return !x.source().hasClass("hidden") && !x.target().hasClass("hidden"); }).length;
    document.getElementById("counts").textContent = n + " nút / nodes · " + e + " cạnh / edges";
  }

  // -------------------------------------------------------------------- init
  var VIEW = { responsibility: "Trách nhiệm / Responsibility", collaboration: "Phối hợp / Collaboration",
    "legal-basis": "Căn cứ pháp lý / Legal basis" };
  document.getElementById("title").textContent = data.title || ("cancu · " + (VIEW[data.view] || data.view));
  var layoutSel = document.getElementById("layout");
  layoutSel.value = cy.nodes(":parent").length ? "groups" : (cy.nodes().length <= 400 ? "cose" : "concentric");
  layoutSel.addEventListener("change", function () { runLayout(layoutSel.value); });
  document.getElementById("fit").addEventListener("click", function () { cy.fit(cy.elements().not(".hidden"), 30); });
  document.getElementById("reset").addEventListener("click", function () {
    Object.keys(sel).forEach(function (k) { sel[k].value = ""; });
    searchBox.value = "";
    applyFilters();
  });
  legend();
  var tLayout = performance.now();
  runLayout(layoutSel.value);
  var timings = { build_ms: tLayout - tBuild, layout_ms: performance.now() - tLayout };
  updateCounts();

  var api = window.cancuGraph = {
    cy: cy, data: data, fold: fold, applyFilters: applyFilters, search: runSearch,
    showDetails: showDetails, runLayout: runLayout, ready: false, renderMs: null, timings: timings,
    nodeCount: function () { return cy.nodes().not(":parent").length; },
    visibleCount: function () { return cy.nodes().not(":parent").not(".hidden").length; },
    setFilter: function (name, value) { sel[name].value = value; return applyFilters(); },
    setSearch: function (q) { searchBox.value = q; return runSearch(); }
  };
  cy.one("render", function () {
    requestAnimationFrame(function () { api.renderMs = performance.now(); api.ready = true; });
  });
  cy.forceRender();
})();
