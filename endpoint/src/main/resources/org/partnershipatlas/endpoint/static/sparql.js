// The SPARQL page: a CodeMirror editor, examples from the query library, results as a table of links.
(function () {
  "use strict";
  var form = document.getElementById("sparql-form");
  var endpoint = form.getAttribute("data-endpoint");
  var textarea = document.getElementById("query");
  var editor = CodeMirror.fromTextArea(textarea, { mode: "application/sparql-query", lineNumbers: true });
  var status = document.getElementById("status");
  var table = document.getElementById("results");
  var why = document.getElementById("why");
  var explanation = document.getElementById("explanation");

  // A query that hits the timeout (503) can be explained: where the store starts and which step multiplies rows.
  document.getElementById("why-button").addEventListener("click", function () {
    var body = new URLSearchParams();
    body.set("query", query());
    status.textContent = "Working out why…";
    fetch(form.getAttribute("data-explain"), { method: "POST", body: body, headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) { return response.text().then(function (t) { throw new Error(response.status + ": " + t); }); }
        return response.json();
      })
      .then(function (json) {
        document.getElementById("why-words").textContent = json.words;
        document.getElementById("plan").textContent = json.plan;
        explanation.hidden = false;
        status.textContent = "The query took too long. Why:";
      })
      .catch(function (error) { status.textContent = "Could not explain the query: " + error.message; });
  });

  function query() { editor.save(); return textarea.value; }
  function url(format) { return endpoint + "?query=" + encodeURIComponent(query()) + "&output=" + format; }
  function localHref(iri) {
    var at = iri.indexOf("/id/");
    return at < 0 ? iri : "/doc/" + iri.substring(at + 4);
  }

  document.getElementById("example").addEventListener("change", function (event) {
    var option = event.target.selectedOptions[0];
    if (option && option.getAttribute("data-sparql")) {
      editor.setValue(option.getAttribute("data-sparql"));
    }
  });
  document.getElementById("download-csv").addEventListener("click", function (e) { e.currentTarget.href = url("csv"); });
  document.getElementById("download-json").addEventListener("click", function (e) { e.currentTarget.href = url("json"); });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    status.textContent = "Running…";
    table.replaceChildren();
    why.hidden = true;
    explanation.hidden = true;
    var body = new URLSearchParams();
    body.set("query", query());
    fetch(endpoint, { method: "POST", body: body, headers: { "Accept": "application/sparql-results+json" } })
      .then(function (response) {
        if (!response.ok) { return response.text().then(function (t) { throw new Error(response.status + ": " + t); }); }
        return response.json();
      })
      .then(function (json) {
        if (json.boolean !== undefined) { status.textContent = "Answer: " + json.boolean; return; }
        var vars = json.head.vars;
        var head = table.createTHead().insertRow();
        vars.forEach(function (v) { var th = document.createElement("th"); th.scope = "col"; th.textContent = v; head.appendChild(th); });
        var tbody = table.createTBody();
        json.results.bindings.forEach(function (binding) {
          var row = tbody.insertRow();
          row.className = "result-row";
          vars.forEach(function (v) {
            var cell = row.insertCell();
            var term = binding[v];
            if (!term) { return; }
            if (term.type === "uri") {
              var a = document.createElement("a");
              a.href = localHref(term.value);
              a.textContent = term.value;
              cell.appendChild(a);
            } else {
              cell.textContent = term.value;
            }
          });
        });
        status.textContent = json.results.bindings.length + " rows";
      })
      .catch(function (error) {
        status.textContent = "Error " + error.message;
        why.hidden = error.message.indexOf("503") !== 0;
      });
  });
}());
