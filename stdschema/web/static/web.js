// stdschema workbench: refresh the mapping preview when a choice changes.
// Values from the file are set with textContent only: never parsed as markup.
(function () {
  "use strict";
  var form = document.getElementById("mapping-form");
  if (!form) { return; }
  var preview = document.getElementById("preview");
  var problems = document.getElementById("preview-problems");
  var pending = null;
  var serial = 0;

  function rowOf(index) {
    return form.querySelector('tr.map-row[data-index="' + index + '"]');
  }

  function show(data) {
    preview.setAttribute("data-read", String(data.read));
    preview.setAttribute("data-written", String(data.written));
    preview.setAttribute("data-rejected", String(data.rejected));
    preview.querySelector(".preview-text").textContent = data.text;
    var unused = form.querySelector(".unused");
    if (unused) { unused.textContent = data.unused || ""; }
    problems.textContent = "";
    data.problems.forEach(function (text) {
      var li = document.createElement("li");
      li.textContent = text;
      problems.appendChild(li);
    });
    data.rows.forEach(function (row) {
      var tr = rowOf(row.index);
      if (!tr) { return; }
      var list = tr.querySelector(".samples");
      list.textContent = "";
      row.samples.forEach(function (pair) {
        var li = document.createElement("li");
        var before = document.createElement("span");
        before.className = "before";
        before.textContent = pair[0];
        var after = document.createElement("span");
        after.className = "after";
        after.textContent = pair[1];
        li.appendChild(before);
        li.appendChild(document.createTextNode(" \u2192 "));
        li.appendChild(after);
        list.appendChild(li);
      });
      tr.querySelector(".row-error").textContent = row.error || "";
    });
  }

  // The chosen transform's description, argument hint and examples, from the option's
  // data attributes (set by the server from the transform registry), as text.
  function describe(select) {
    var help = select.parentNode.querySelector(".transform-help");
    if (!help) { return; }
    var option = select.options[select.selectedIndex];
    var data = option && option.value ? option : null;
    help.querySelector(".description").textContent = data ? data.getAttribute("data-description") : "";
    help.querySelector(".hint").textContent = data ? data.getAttribute("data-hint") : "";
    var list = help.querySelector(".examples");
    list.textContent = "";
    if (data) {
      data.getAttribute("data-examples").split("\n").forEach(function (text) {
        if (!text) { return; }
        var li = document.createElement("li");
        li.textContent = text;
        list.appendChild(li);
      });
    }
  }

  function refresh() {
    var mine = ++serial;
    preview.setAttribute("data-state", "busy");
    var body = new FormData(form);
    fetch(form.getAttribute("data-preview"), {
      method: "POST",
      body: body,
      headers: { "X-CSRF-Token": body.get("csrf") },
      credentials: "same-origin"
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (data) {
      if (mine !== serial) { return; }  // a later change is on its way
      show(data);
      preview.setAttribute("data-state", "ready");
    }).catch(function () {
      if (mine === serial) { preview.setAttribute("data-state", "failed"); }
    });
  }

  form.addEventListener("change", function (event) {
    if (event.target.classList && event.target.classList.contains("transform")) {
      describe(event.target);
    }
    if (pending) { clearTimeout(pending); }
    pending = setTimeout(refresh, 150);
  });
})();
