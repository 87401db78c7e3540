// The SPARQL editor: YASGUI (vendored, MIT) on this server's /sparql, no outside requests.
(function () {
  "use strict";
  var host = document.getElementById("yasgui");
  if (!host || !window.Yasgui) { return; }
  var prefixes = Array.prototype.map.call(document.querySelectorAll(".prefixes code"), function (c) { return c.textContent; });
  var start = prefixes.join("\n") + "\n\nSELECT ?agency ?label WHERE {\n  ?agency a cancu:Agency ; skos:prefLabel ?label .\n  FILTER(lang(?label) = \"vi\")\n} LIMIT 20\n";
  window.Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables"];  // no LOV look-ups
  window.Yasgui.Yasqe.defaults.value = start;
  var yasgui = new window.Yasgui(host, {
    requestConfig: { endpoint: window.location.origin + "/sparql", method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: window.location.origin + "/sparql" }]; } },
    persistenceId: "cancu-yasgui"
  });
  var button = document.getElementById("add-prefixes");
  if (button) {
    button.addEventListener("click", function () {
      var yasqe = yasgui.getTab().getYasqe();
      yasqe.setValue(prefixes.join("\n") + "\n" + yasqe.getValue().replace(/^PREFIX[^\n]*\n/gm, ""));
    });
  }
})();
