// stdschema HTML report: draws each file's problem table, data table and map from the
// JSON data block. Text goes in with textContent only (never innerHTML): values come from
// the checked files. Nothing is fetched unless the reader ticks the map's tile box.
(function () {
  "use strict";
  var L = JSON.parse(document.getElementById("stdschema-labels").textContent);
  var S = [];  // the string table of the file being drawn
  var SEV = ["error", "warning", "info"];
  var SVG = "http://www.w3.org/2000/svg";
  // Problem fields, as html.py writes them.
  var P_SEV = 0, P_CODE = 1, P_ROW = 2, P_COL = 3, P_LETTER = 4, P_HEADER = 5,
    P_RECORD = 6, P_VALUE = 7, P_MESSAGE = 8, P_HINT = 9, P_FIXED = 10;

  function str(i) {
    return i === null || i === undefined ? "" : S[i];
  }
  function num(n) {
    return typeof n === "number" ? n.toLocaleString("en-US") : String(n);
  }
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? num(values[key]) : m;
    });
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function letter(n) {
    var s = "";
    while (n > 0) {
      var r = (n - 1) % 26;
      s = String.fromCharCode(65 + r) + s;
      n = Math.floor((n - 1) / 26);
    }
    return s;
  }
  function anchor(index, row) {
    return "f" + index + "-r" + row;
  }

  // -- problem table ---------------------------------------------------------------

  function problemTable(section, file, index, rowsShown) {
    var host = section.querySelector("div.problems");
    if (!host) return;
    var problems = file.problems;
    var filters = el("div", "filters");
    var selects = {};
    var shown = el("p", "shown");
    var table = el("table", "problems");
    var tbody = el("tbody");

    function counted(field) {
      var seen = {}, order = [];
      problems.forEach(function (p) {
        var key = p[field];
        if (key === null) return;
        if (!(key in seen)) { seen[key] = 0; order.push(key); }
        seen[key] += 1;
      });
      return order.map(function (key) { return [key, seen[key]]; });
    }
    function addSelect(name, caption, options) {
      var label = el("label", null, caption + " ");
      var select = el("select");
      select.setAttribute("data-filter", name);
      var all = el("option", null, L["report.html.all"]);
      all.value = "";
      select.appendChild(all);
      options.forEach(function (o) {
        var option = el("option", null, o[1]);
        option.value = String(o[0]);
        select.appendChild(option);
      });
      select.addEventListener("change", render);
      label.appendChild(select);
      filters.appendChild(label);
      selects[name] = select;
    }
    addSelect("severity", L["report.severity"], counted(P_SEV).sort().map(function (o) {
      return [o[0], L["report.severity." + SEV[o[0]]] + " (" + num(o[1]) + ")"];
    }));
    addSelect("code", L["report.code"], counted(P_CODE).map(function (o) {
      return [o[0], str(o[0]) + " " + str(file.titles[o[0]]) + " (" + num(o[1]) + ")"];
    }));
    addSelect("column", L["report.header"], counted(P_HEADER).map(function (o) {
      return [o[0], str(o[0]) + " (" + num(o[1]) + ")"];
    }));

    var heads = ["report.severity", "report.code", "report.html.row", "report.column",
      "report.header", "report.html.record", "report.value", "report.message",
      "report.hint", "report.fixed_to"];
    var thead = el("thead");
    var tr = el("tr");
    heads.forEach(function (key) { tr.appendChild(el("th", null, L[key])); });
    thead.appendChild(tr);
    table.appendChild(thead);
    table.appendChild(tbody);

    function wanted(p) {
      var sev = selects.severity.value, code = selects.code.value, col = selects.column.value;
      return (sev === "" || String(p[P_SEV]) === sev) &&
        (code === "" || String(p[P_CODE]) === code) &&
        (col === "" || String(p[P_HEADER]) === col);
    }
    function row(p) {
      var tr = el("tr", "sev-" + SEV[p[P_SEV]]);
      tr.appendChild(el("td", "sev", L["report.severity." + SEV[p[P_SEV]]]));
      var code = el("td", "code");
      code.appendChild(el("code", null, str(p[P_CODE])));
      code.title = str(file.titles[p[P_CODE]]);
      tr.appendChild(code);
      var at = el("td", "num");
      if (p[P_ROW] !== null && rowsShown[p[P_ROW]]) {
        var link = el("a", null, String(p[P_ROW]));
        link.href = "#" + anchor(index, p[P_ROW]);
        at.appendChild(link);
      } else if (p[P_ROW] !== null) {
        at.textContent = String(p[P_ROW]);
      }
      tr.appendChild(at);
      tr.appendChild(el("td", null, str(p[P_LETTER])));
      tr.appendChild(el("td", null, str(p[P_HEADER])));
      tr.appendChild(el("td", null, str(p[P_RECORD])));
      tr.appendChild(el("td", "value", str(p[P_VALUE])));
      tr.appendChild(el("td", null, str(p[P_MESSAGE])));
      tr.appendChild(el("td", null, str(p[P_HINT])));
      tr.appendChild(el("td", "value", str(p[P_FIXED])));
      return tr;
    }
    // Rows are drawn PAGE at a time: a browser lays out 10,000 rows slowly.
    var PAGE = 1000;
    var matching = [];
    var drawn = 0;
    var more = el("button", "more");
    more.type = "button";
    more.addEventListener("click", function () { drawMore(); });
    function drawMore() {
      S = file.strings;  // a click comes later: this file's strings again
      var end = Math.min(drawn + PAGE, matching.length);
      for (; drawn < end; drawn += 1) tbody.appendChild(row(matching[drawn]));
      var rest = matching.length - drawn;
      more.hidden = rest === 0;
      more.textContent = fill(L["report.html.more_rows"], { n: Math.min(rest, PAGE), rest: rest });
      shown.textContent = fill(L["report.html.shown"], { shown: matching.length, total: problems.length });
    }
    function render() {
      matching = problems.filter(wanted);
      drawn = 0;
      var body = el("tbody");
      table.replaceChild(body, tbody);
      tbody = body;
      drawMore();
    }
    host.appendChild(filters);
    host.appendChild(shown);
    var wrap = el("div", "scroll");
    wrap.appendChild(table);
    host.appendChild(wrap);
    host.appendChild(more);
    render();
  }

  // -- data table ------------------------------------------------------------------

  function problemCells(file) {
    var cells = {};
    file.problems.forEach(function (p) {
      if (p[P_ROW] === null || p[P_COL] === null) return;
      var key = p[P_ROW] + ":" + p[P_COL];
      var cell = cells[key] || (cells[key] = { sev: p[P_SEV], messages: [] });
      cell.sev = Math.min(cell.sev, p[P_SEV]);
      cell.messages.push(L["report.severity." + SEV[p[P_SEV]]] + ": " + str(p[P_MESSAGE]));
    });
    return cells;
  }

  function sheetTable(section, file, index) {
    var host = section.querySelector("div.sheet");
    if (!host || !file.sheet) return;
    var cells = problemCells(file);
    var width = file.sheet.width;
    var table = el("table", "data");
    var thead = el("thead");
    var tr = el("tr");
    tr.appendChild(el("th", "corner"));
    for (var c = 1; c <= width; c += 1) tr.appendChild(el("th", null, letter(c)));
    thead.appendChild(tr);
    table.appendChild(thead);
    var tbody = el("tbody");
    file.sheet.rows.forEach(function (r) {
      var number = r[0];
      var tr = el("tr", r[1] ? "header" : null);
      var th = el("th", null, String(number));
      th.id = anchor(index, number);
      tr.appendChild(th);
      var values = r[2];
      for (var c = 1; c <= width; c += 1) {
        var td = el("td", null, c <= values.length ? str(values[c - 1]) : "");
        var found = cells[number + ":" + c];
        if (found) {
          td.className = "p-" + SEV[found.sev];
          td.title = found.messages.join("\n");
        }
        tr.appendChild(td);
      }
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    var wrap = el("div", "scroll");
    wrap.appendChild(table);
    host.appendChild(wrap);
  }

  // -- map -------------------------------------------------------------------------

  // Web Mercator at zoom 0 (the world is 256 units wide), as map tiles are drawn.
  function wx(lon) {
    return (lon + 180) / 360 * 256;
  }
  function wy(lat) {
    var s = Math.sin(lat * Math.PI / 180);
    return (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * 256;
  }
  function lonOf(x) {
    return x / 256 * 360 - 180;
  }
  function latOf(y) {
    return Math.atan(Math.sinh(Math.PI * (1 - 2 * y / 256))) * 180 / Math.PI;
  }
  // Where a point is drawn: a swapped pair where it belongs.
  function place(p, kinds) {
    return kinds[p[3]] === "swapped" ? [p[1], p[0]] : [p[0], p[1]];
  }
  function extent(m, view) {
    var box = m.box;
    var s = box[0], w = box[1], n = box[2], e = box[3];
    if (view === "records") {
      var drawn = m.points.filter(function (p) { return m.kinds[p[3]] !== "outside"; });
      if (drawn.length) {
        s = 90; w = 180; n = -90; e = -180;
        drawn.forEach(function (p) {
          var at = place(p, m.kinds);
          s = Math.min(s, at[0]); n = Math.max(n, at[0]);
          w = Math.min(w, at[1]); e = Math.max(e, at[1]);
        });
        var padLat = Math.max((n - s) * 0.08, 0.005), padLon = Math.max((e - w) * 0.08, 0.005);
        s -= padLat; n += padLat; w -= padLon; e += padLon;
      }
    }
    return { s: s, w: w, n: n, e: e };
  }
  function niceStep(span) {
    var steps = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10];
    for (var i = 0; i < steps.length; i += 1) if (span / steps[i] <= 7) return steps[i];
    return 10;
  }

  function drawMap(section, file) {
    var m = file.map;
    var host = section.querySelector("div.map");
    if (!host || !m) return;
    host.appendChild(el("h3", null, L["report.html.map"]));
    host.appendChild(el("p", null, fill(L["report.html.map_count"],
      { n: m.points.length, missing: m.missing })));
    if (file.capped) host.appendChild(el("p", "note", fill(L["report.html.map_capped"], { limit: file.capped })));
    var controls = el("div", "filters");
    var viewLabel = el("label", null, L["report.html.map_view"] + " ");
    var view = el("select");
    view.setAttribute("data-map", "view");
    ["records", "japan"].forEach(function (v) {
      var o = el("option", null, L["report.html.map_view." + v]);
      o.value = v;
      view.appendChild(o);
    });
    viewLabel.appendChild(view);
    controls.appendChild(viewLabel);
    var tileLabel = el("label");
    var tiles = el("input");
    tiles.type = "checkbox";
    tiles.setAttribute("data-map", "tiles");
    tileLabel.appendChild(tiles);
    tileLabel.appendChild(document.createTextNode(" " + L["report.html.map_tiles"]));
    controls.appendChild(tileLabel);
    host.appendChild(controls);
    var frame = el("div", "frame");
    host.appendChild(frame);
    var credit = el("p", "credit", L["report.html.map_credit"]);
    credit.hidden = true;
    var counts = [0, 0, 0, 0];
    m.points.forEach(function (p) { counts[p[3]] += 1; });
    var legend = el("ul", "legend");
    m.kinds.forEach(function (kind, i) {
      var li = el("li");
      li.appendChild(el("span", "swatch pt-" + kind));
      li.appendChild(document.createTextNode(" " + L["report.html.map." + kind] + " (" + num(counts[i]) + ")"));
      legend.appendChild(li);
    });
    host.appendChild(legend);
    host.appendChild(credit);
    host.appendChild(el("p", "note", L["report.html.map_note"]));

    function draw() {
      var box = extent(m, view.value);
      var x0 = wx(box.w), x1 = wx(box.e), y0 = wy(box.n), y1 = wy(box.s);
      // Widen the narrow side to the frame's shape, so a town that runs north-south
      // is not drawn as a strip.
      var grow = (y1 - y0) * 880 / 560 - (x1 - x0);
      if (grow > 0) { x0 -= grow / 2; x1 += grow / 2; } else { y0 += grow * 560 / 1760; y1 -= grow * 560 / 1760; }
      box = { w: lonOf(x0), e: lonOf(x1), n: latOf(y0), s: latOf(y1) };
      var k = Math.min(880 / (x1 - x0), 560 / (y1 - y0));
      var W = Math.round((x1 - x0) * k), H = Math.round((y1 - y0) * k);
      function X(lon) { return (wx(lon) - x0) * k; }
      function Y(lat) { return (wy(lat) - y0) * k; }
      var map = svg("svg", { width: W, height: H, viewBox: "0 0 " + W + " " + H, role: "img" });
      map.setAttribute("aria-label", L["report.html.map"]);
      map.appendChild(svg("rect", { x: 0, y: 0, width: W, height: H, "class": "sea" }));
      if (tiles.checked) map.appendChild(tileLayer(m, x0, y0, k, W, H));
      var grid = svg("g", { "class": "graticule" });
      var step = niceStep(Math.max(box.n - box.s, box.e - box.w));
      var decimals = Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
      for (var lon = Math.ceil(box.w / step) * step; lon <= box.e; lon += step) {
        grid.appendChild(svg("line", { x1: X(lon), y1: 0, x2: X(lon), y2: H }));
        if (X(lon) > W - 60) continue;
        var t = svg("text", { x: X(lon) + 3, y: 12 });
        t.textContent = lon.toFixed(decimals) + "°E";
        grid.appendChild(t);
      }
      for (var lat = Math.ceil(box.s / step) * step; lat <= box.n; lat += step) {
        grid.appendChild(svg("line", { x1: 0, y1: Y(lat), x2: W, y2: Y(lat) }));
        var u = svg("text", { x: 3, y: Y(lat) - 3 });
        u.textContent = lat.toFixed(decimals) + "°N";
        grid.appendChild(u);
      }
      map.appendChild(grid);
      var jp = m.box;
      map.appendChild(svg("rect", {
        "class": "japan", x: X(jp[1]), y: Y(jp[2]),
        width: X(jp[3]) - X(jp[1]), height: Y(jp[0]) - Y(jp[2]),
      }));
      var points = svg("g", { "class": "points" });
      [0, 1, 2, 3].forEach(function (kind) {
        m.points.forEach(function (p) {
          if (p[3] !== kind) return;
          var at = place(p, m.kinds);
          var x = Math.min(Math.max(X(at[1]), 5), W - 5);
          var y = Math.min(Math.max(Y(at[0]), 5), H - 5);
          var dot = svg("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: kind ? 5 : 4, "class": "pt pt-" + m.kinds[kind] });
          var tip = svg("title");
          tip.textContent = fill(L["report.html.point"], { row: p[2], lat: p[0], lon: p[1] }) +
            " — " + L["report.html.map." + m.kinds[kind]];
          dot.appendChild(tip);
          points.appendChild(dot);
        });
      });
      map.appendChild(points);
      frame.textContent = "";
      frame.appendChild(map);
      credit.hidden = !tiles.checked;
    }
    view.addEventListener("change", draw);
    tiles.addEventListener("change", draw);
    draw();
  }

  // 地理院タイル under the points: only built when the reader asked for them.
  function tileLayer(m, x0, y0, k, W, H) {
    var layer = svg("g", { "class": "tiles" });
    var z = Math.min(18, Math.max(2, Math.round(Math.log2(k))));
    var size = 256 / Math.pow(2, z);
    var first = Math.floor(x0 / size), last = Math.floor((x0 + W / k) / size);
    var top = Math.floor(y0 / size), bottom = Math.floor((y0 + H / k) / size);
    for (var tx = first; tx <= last; tx += 1) {
      for (var ty = top; ty <= bottom; ty += 1) {
        var url = m.tiles.replace("{z}", z).replace("{x}", tx).replace("{y}", ty);
        layer.appendChild(svg("image", {
          href: url, x: (tx * size - x0) * k, y: (ty * size - y0) * k,
          width: size * k + 0.5, height: size * k + 0.5,
        }));
      }
    }
    return layer;
  }

  // -- each file -------------------------------------------------------------------

  Array.prototype.forEach.call(document.querySelectorAll("section.file"), function (section) {
    var index = Number(section.getAttribute("data-file"));
    var file = JSON.parse(section.querySelector("script.file-data").textContent);
    S = file.strings;
    var rowsShown = {};
    if (file.sheet) file.sheet.rows.forEach(function (r) { rowsShown[r[0]] = true; });
    problemTable(section, file, index, rowsShown);
    sheetTable(section, file, index);
    drawMap(section, file);
  });
})();
