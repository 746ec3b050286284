/* Charts: each chart's Vega spec, compiled and laid out (phone first, as wide as its column) at build
   time by thawbook.render.chart_assets, drawn by vega as SVG with the config of the colour mode
   (THAWBOOK_CHARTS, from thawbook.charts.theme), and again with the other when the reader toggles
   it; no spec is rewritten here. The arrow keys read a focused chart's events into a live readout. */
(function () {
  "use strict";
  var charts = [];
  function isDark() { return document.documentElement.dataset.theme === "dark"; }
  function make(tag, name, attributes) {
    var element = Object.assign(document.createElement(tag), { className: name });
    Object.keys(attributes || {}).forEach(function (key) { element.setAttribute(key, attributes[key]); });
    return element;
  }

  // A tooltip's fields as [field, value] pairs, as the readout and the tooltip both show them:
  // its "title" first (field ""), then every other field with a value; nested values as JSON.
  function fields(value) {
    if (value == null) return [];
    if (Array.isArray(value)) return [["", "[" + value.map(function (v) { return typeof v === "string" ? v : JSON.stringify(v); }).join(", ") + "]"]];
    if (typeof value !== "object") return [["", String(value)]];
    var out = value.title != null ? [["", String(value.title)]] : [];
    Object.keys(value).forEach(function (key) {
      var v = value[key];
      if (key === "title" || key === "image" || v === undefined) return;
      out.push([key, v !== null && typeof v === "object" ? JSON.stringify(v) : String(v)]);
    });
    return out;
  }
  function said(value) { return fields(value).map(function (f) { return f[0] ? f[0] + ": " + f[1] : f[1]; }).join("\n"); }

  // The pointer's tooltip (#vg-tooltip-element): a heading for the title, a table for the rest.
  function tooltip(handler, event, item, value) {
    var tip = document.getElementById("vg-tooltip-element") || document.body.appendChild(make("div", "", { id: "vg-tooltip-element" }));
    tip.textContent = "";
    if (value == null || value === "") { tip.classList.remove("visible"); return; }
    var table = document.createElement("table");
    fields(value).forEach(function (f) {
      if (!f[0]) { var h = document.createElement("h2"); h.textContent = f[1]; tip.appendChild(h); return; }
      var row = table.insertRow(), key = row.insertCell(), val = row.insertCell();
      key.className = "key"; key.textContent = f[0]; val.className = "value"; val.textContent = f[1];
    });
    if (table.rows.length) tip.appendChild(table);
    tip.classList.add("visible");
    var x = event.clientX + 12, y = event.clientY + 12, box = tip.getBoundingClientRect();
    Object.assign(tip.style, { left: Math.max(4, Math.min(x, window.innerWidth - box.width - 4)) + "px",
      top: (y + box.height > window.innerHeight ? Math.max(4, event.clientY - box.height - 12) : y) + "px" });
  }

  // A tooltip opened by a tap would stay where it was while the page scrolls under it: scrolling closes it.
  window.addEventListener("scroll", function () { tooltip(null, null, null, null); }, { passive: true });
  function draw(entry) {
    var all = window.THAWBOOK_CHARTS || { light: {}, dark: {} }, config = isDark() ? all.dark : Object.assign({ signals: all.light.signals }, entry.light);
    if (entry.view) entry.view.finalize();
    entry.el.textContent = ""; entry.dark = isDark();
    entry.view = new vega.View(vega.parse(entry.spec, config), { renderer: "svg", container: entry.el, hover: true });
    entry.view.tooltip(tooltip);
    // A tap moves no pointer, so vega shows no tooltip: a click or tap on a mark shows it (elsewhere hides it).
    entry.view.addEventListener("click", function (event, item) { tooltip(null, event, item, item && item.tooltip); });
    entry.ready = entry.view.runAsync().then(function () {
      // Vega-Lite leaves a brush's rectangle and empty layers as unnamed "graphics-symbol" groups:
      // decorative (the axes show the brush's extent), so hidden from assistive technology.
      entry.el.querySelectorAll('g[role="graphics-symbol"]:not([aria-label])').forEach(function (g) {
        g.setAttribute("aria-hidden", "true");
        g.removeAttribute("role");
      });
      // vega names its container as a graphics document: it is the figure its finding names.
      entry.el.setAttribute("role", "figure"); entry.el.setAttribute("aria-label", entry.label);
      clear(entry); entry.filters.forEach(function (f) { f(); });
      return entry.view;
    });
    return entry.ready;
  }

  // ------------------------------------------------------------------ the keyboard path
  // The events of a chart: every drawn mark with a tooltip, in the order vega draws them; marks
  // that say the same (a bar, its point and its label) are one event, ringed by their first mark.
  function events(view) {
    var seen = {}, out = [];
    (function walk(node) {
      (node && node.items || []).forEach(function (item) {
        if (item.mark && item.mark.marktype !== "group" && item.tooltip != null && item.opacity !== 0 && item._svg) {
          var words = said(item.tooltip);
          if (!seen[words]) { seen[words] = 1; out.push({ item: item, words: words }); }
        }
        if (item.items) walk(item);
      });
    })(view.scenegraph().root);
    return out;
  }

  function clear(entry) { entry.index = -1; entry.readout.textContent = ""; entry.ring.remove(); }

  function show(entry, index) {
    var all = events(entry.view);
    if (!all.length) { entry.readout.textContent = "This chart has no events to read."; return; }
    entry.index = index = (index + all.length) % all.length;
    entry.readout.textContent = (index + 1) + " of " + all.length + ". " + all[index].words;
    var box = all[index].item._svg.getBoundingClientRect(), frame = entry.el.getBoundingClientRect();
    Object.assign(entry.ring.style, { left: (box.left - frame.left + entry.el.scrollLeft - 3) + "px",
      top: (box.top - frame.top + entry.el.scrollTop - 3) + "px", width: (box.width + 6) + "px", height: (box.height + 6) + "px" });
    entry.el.appendChild(entry.ring);
  }

  var KEYS = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
  function onKey(entry, event) {
    if (event.target !== entry.el || !entry.view) return;
    var key = event.key;
    if (KEYS[key]) show(entry, entry.index < 0 && KEYS[key] < 0 ? -1 : entry.index + KEYS[key]);
    else if (key === "Home") show(entry, 0);
    else if (key === "End") show(entry, -1);
    else if (key === "Escape") clear(entry);
    else return;
    event.preventDefault();
  }

  // A row of buttons under a chart, named for the chart above: each button calls its action.
  function buttons(name, words, label, actions) {
    var group = make("div", name, { role: "group", "aria-label": label });
    group.appendChild(make("span", "")).textContent = words;
    return { group: group, all: actions.map(function (a) {
      var b = group.appendChild(make("button", "", { type: "button" }));
      b.textContent = a[0]; b.value = a[0]; b.addEventListener("click", a[1]);
      return b;
    }) };
  }

  // A legend bound to a selection (chart_assets lists it): one button per entry, and "all".
  function legendFilter(entry, filter) {
    var chosen = {}, row;
    function apply() {
      var picked = filter.values.filter(function (v) { return chosen[v]; });
      row.all.forEach(function (b, i) { b.setAttribute("aria-pressed", String(i ? !!chosen[b.value] : !picked.length)); });
      entry.view.data(filter.name + "_store", picked.map(function (v) {
        return { unit: "", fields: [{ type: "E", field: filter.field }], values: [v] };
      })).runAsync();
    }
    row = buttons("thawbook-chart-filter", "Show " + filter.title + ": ", "Show only one " + filter.title + " in the chart above",
      [["all", function () { chosen = {}; apply(); }]].concat(filter.values.map(function (value) {
        return [value, function () { chosen[value] = !chosen[value]; apply(); }];
      })));
    entry.filters.push(apply);
    return row.group;
  }

  // An interval brush, moved as a pointer moves it, so that its box, its store and the view it
  // drives stay one: dragged by half its width, or widened and narrowed by a wheel over it.
  function brushButtons(entry) {
    function act(by, wheel) {
      return function () {
        var rect = entry.el.querySelector("g.brush_brush > path"), box = rect && rect.getBoundingClientRect();
        if (!box) return;
        var at = { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2, bubbles: true, isPrimary: true };
        if (wheel) return rect.dispatchEvent(new WheelEvent("wheel", Object.assign({ deltaY: wheel }, at)));
        rect.dispatchEvent(new PointerEvent("pointerdown", at));
        window.dispatchEvent(new PointerEvent("pointermove", Object.assign({}, at, { clientX: at.clientX + by * box.width })));
        window.dispatchEvent(new PointerEvent("pointerup", at));
      };
    }
    return buttons("thawbook-chart-brush", "Dates shown: ", "Move the range of dates the chart above shows", [["earlier", act(-0.5)],
      ["later", act(0.5)], ["wider", act(0, 400)], ["narrower", act(0, -300)], ["as at first", function () { draw(entry); }]]).group;
  }

  function setUp(el, script) {
    var payload = JSON.parse(script.textContent);
    var entry = { el: el, spec: payload.spec, light: payload.light, filters: [], index: -1, label: el.getAttribute("aria-label") || "Chart" };
    var box = make("div", "thawbook-chart-controls");
    var readout = entry.readout = make("div", "thawbook-chart-readout", { id: "thawbook-readout-" + el.id, "aria-live": "polite" });
    (payload.filters || []).forEach(function (filter) { box.appendChild(legendFilter(entry, filter)); });
    if ((payload.spec.data || []).some(function (d) { return /_store$/.test(d.name) && d.values && d.values[0].fields[0].type === "R"; })) box.appendChild(brushButtons(entry));
    box.appendChild(readout);
    script.insertAdjacentElement("afterend", box);
    entry.ring = make("div", "thawbook-mark-ring", { "aria-hidden": "true" });
    el.addEventListener("keydown", function (event) { onKey(entry, event); });
    el.addEventListener("focus", function () {
      if (!readout.textContent && el.matches(":focus-visible")) readout.textContent = "Arrow keys step through the chart's events and read each one; Escape clears.";
    });
    el.addEventListener("blur", function () { if (entry.index < 0) readout.textContent = ""; });
    charts.push(entry);
    return draw(entry);
  }

  function start() {
    document.querySelectorAll("script.thawbook-chart-spec").forEach(function (script) {
      var el = script.previousElementSibling;
      if (el && window.vega) setUp(el, script);
    });
    new MutationObserver(function () {
      charts.forEach(function (entry) { if (entry.dark !== isDark()) draw(entry); });
    }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
  window.thawbookCharts = { charts: charts, draw: draw, add: setUp };
})();
