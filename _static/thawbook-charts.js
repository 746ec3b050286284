/* Charts that fit their column, follow the colour mode and can be reached by keyboard.

   altair's output calls the global vegaEmbed(div, spec, options). This script wraps that
   function, keeps each chart's spec, and embeds it again, never scaling the SVG as a picture:
   - to the width of its column: numeric widths (and band steps) shrink until the chart fits;
     below THAWBOOK_CHARTS.narrowPx, panels side by side are stacked, a facet takes one column,
     legends go below, and long category labels wrap instead of being cut;
   - with the dark config and colour swaps when the page's data-theme is "dark", and again
     whenever the reader toggles the mode or the column's width changes;
   - as a focusable figure (tabindex 0) named by the chart's description, its finding, whose
     marks the arrow keys read into a live readout under it, with buttons for its legend filter
     and brush (see "the keyboard path" below).
   The light and dark configs come from thawbook.theme (thawbook-charts-config.js is generated
   by thawbook.theme.write_charts_config and tested to be current). */
(function () {
  "use strict";
  var DEFAULTS = { narrowPx: 600, dark: {}, swaps: {}, narrow: {}, minFontPx: 10 };
  // Read when a chart is drawn, not when this script loads: the settings file may load after it.
  function config() { return window.THAWBOOK_CHARTS || DEFAULTS; }
  var charts = [];
  var SKIP = { data: 1, datasets: 1, values: 1, description: 1, tooltip: 1 };

  function clone(value) { return JSON.parse(JSON.stringify(value)); }

  function isDark() { return document.documentElement.getAttribute("data-theme") === "dark"; }

  function merge(target, extra) {
    Object.keys(extra).forEach(function (key) {
      var value = extra[key];
      if (value && typeof value === "object" && !Array.isArray(value)) {
        if (!target[key] || typeof target[key] !== "object") target[key] = {};
        merge(target[key], value);
      } else {
        target[key] = value;
      }
    });
    return target;
  }

  function eachView(node, visit) {
    if (!node || typeof node !== "object") return;
    visit(node);
    ["layer", "hconcat", "vconcat", "concat"].forEach(function (key) {
      (node[key] || []).forEach(function (part) { eachView(part, visit); });
    });
    if (node.spec) eachView(node.spec, visit);
  }

  function recolour(node, swaps) {
    if (Array.isArray(node)) {
      node.forEach(function (item, i) {
        if (typeof item === "string" && swaps[item]) node[i] = swaps[item];
        else recolour(item, swaps);
      });
    } else if (node && typeof node === "object") {
      Object.keys(node).forEach(function (key) {
        if (SKIP[key]) return;
        var value = node[key];
        if (typeof value === "string" && swaps[value]) node[key] = swaps[value];
        else recolour(value, swaps);
      });
    }
  }

  var WRAP = "split(trim(replace(''+datum.label, regexp('(.{1,CHARS})(\\\\s+|$)', 'g'), '$1\\n')), '\\n')";

  function longest(spec, field) {
    var most = 0;
    Object.keys(spec.datasets || {}).forEach(function (name) {
      (spec.datasets[name] || []).forEach(function (row) {
        if (row && row[field] != null) most = Math.max(most, String(row[field]).length);
      });
    });
    return most;
  }

  // Category labels on a y axis longer than ~40 % of the column break into lines (at any
  // width), with rows made tall enough for them.
  function wrapAxisLabels(spec, width, share) {
    var rowPx = 0;
    eachView(spec, function (view) {
      var enc = view.encoding;
      if (enc && enc.y && (enc.y.type === "nominal" || enc.y.type === "ordinal") && enc.y.axis !== null) {
        var axis = enc.y.axis || (enc.y.axis = {});
        if (!axis.labelExpr || axis.labelExpr.indexOf("regexp(") >= 0) {
          var chars = Math.max(16, Math.floor(width * share / 6.2));
          if (longest(spec, enc.y.field) <= chars && axis.labelExpr === undefined) return;
          axis.labelExpr = WRAP.replace("CHARS", chars);
          axis.labelLimit = 0;
          // Rows tall enough for the wrapped labels' lines.
          // Breaking at spaces leaves lines shorter than ``chars``: a fifth more of them.
          var lines = Math.min(8, Math.ceil(longest(spec, enc.y.field) * 1.2 / chars));
          rowPx = Math.max(rowPx, lines * 13 + 6);
        }
      }
    });
    tallerRows(spec, rowPx);
  }

  function tallerRows(spec, rowPx) {
    if (!rowPx) return;
    eachView(spec, function (view) {
      if (view.height && typeof view.height.step === "number") view.height.step = Math.max(view.height.step, rowPx);
    });
  }

  function narrowLayout(spec, width) {
    var rowPx = 0;
    eachView(spec, function (view) {
      if (view.hconcat) { view.vconcat = view.hconcat; delete view.hconcat; }
      if (view.concat) view.columns = 1;
      if (view.facet && view.columns) view.columns = 1;
      var enc = view.encoding;
      if (enc && enc.column && !enc.row) { enc.row = enc.column; delete enc.column; }
    });
    // Texts drawn from data (event titles beside a mark) break into lines as well, unless the
    // chart breaks them itself (lineBreak) or stacks two texts on one row (dy).
    eachView(spec, function (view) {
      var mark = view.mark, enc = view.encoding || {};
      if (!mark || (mark.type || mark) !== "text" || typeof mark !== "object" || mark.lineBreak || mark.dy) return;
      if (!enc.text || !enc.text.field) return;
      // Names beside a mark get at most ~40 % of the column (they start part-way across it).
      var field = enc.text.field, chars = Math.max(12, Math.floor(width * 0.33 / 6.8));
      view.transform = (view.transform || []).concat([{
        calculate: "trim(replace(''+datum['" + field + "'], regexp('(.{1," + chars + "})(\\\\s+|$)', 'g'), '$1\\n'))",
        as: field,
      }]);
      mark.lineBreak = "\n";
      var known = longest(spec, field);
      var lines = known ? Math.min(5, Math.ceil(known / chars)) : 3;
      rowPx = Math.max(rowPx, lines * 13 + 4);
    });
    tallerRows(spec, rowPx);
    wrapTitles(spec, width);
    spec.config = merge(spec.config || {}, clone(config().narrow));
  }

  function shrink(spec, factor) {
    eachView(spec, function (view) {
      if (typeof view.width === "number") view.width = Math.max(60, Math.floor(view.width * factor));
      else if (view.width && typeof view.width.step === "number") view.width.step = Math.max(6, view.width.step * factor);
      // A bar drawn a fixed number of pixels wide narrows with its view.
      if (view.mark && typeof view.mark === "object" && typeof view.mark.width === "number") {
        view.mark.width = Math.max(2, view.mark.width * factor);
      }
    });
  }

  // A title or subtitle broken into lines that fit ``width`` px: titles do not shrink with the view.
  function wrapLines(text, chars) {
    var lines = [];
    [].concat(text).forEach(function (part) {
      var line = "";
      String(part).split(/\s+/).forEach(function (word) {
        if (line && (line + " " + word).length > chars) { lines.push(line); line = word; }
        else line = line ? line + " " + word : word;
      });
      if (line) lines.push(line);
    });
    return lines;
  }

  function wrapTitles(spec, width) {
    eachView(spec, function (view) {
      var title = view.title;
      if (!title) return;
      if (typeof title === "string" || Array.isArray(title)) title = view.title = { text: title };
      title.text = wrapLines(title.text, Math.floor(width / 9.2));
      if (title.subtitle) title.subtitle = wrapLines(title.subtitle, Math.floor(width / 6.6));
    });
    // Axis titles break into lines too, and legends take one column.
    eachView(spec, function (view) {
      var enc = view.encoding || {};
      Object.keys(enc).forEach(function (channel) {
        var def = enc[channel];
        if (!def || typeof def !== "object") return;
        // An x axis's title is centred under its view, which the y axis's labels narrow: it
        // wraps to about half the column.
        var share = channel === "x" || channel === "x2" ? 0.5 : 0.8;
        if (typeof def.title === "string" && def.title.length * 7 > width * share) def.title = wrapLines(def.title, Math.floor(width * share / 7));
        if (def.legend && typeof def.legend === "object" && def.legend.columns > 1) def.legend.columns = 1;
        // A legend below starts under the view, right of the y axis's labels: its long
        // labels break into lines of about a third of the column.
        if (def.legend !== null && def.field && (channel === "color" || channel === "shape" || channel === "fill" || channel === "stroke" || channel === "size")) {
          if (longest(spec, def.field) > Math.floor(width * 0.33 / 6.8)) {
            var legend = def.legend && typeof def.legend === "object" ? def.legend : (def.legend = {});
            if (legend.labelExpr === undefined) {
              legend.labelExpr = WRAP.replace("CHARS", Math.max(12, Math.floor(width * 0.33 / 6.8)));
              legend.labelLimit = 0;
            }
          }
        }
      });
    });
    if (spec.config && spec.config.legend && spec.config.legend.columns > 1) spec.config.legend.columns = 1;
  }

  function available(el) {
    var parent = el.parentElement || el;
    var box = parent.getBoundingClientRect();
    var viewport = document.documentElement.clientWidth - Math.max(0, box.left) - 4;
    return Math.max(160, Math.floor(Math.min(box.width || viewport, viewport)));
  }

  function drawnWidth(el) {
    var svg = el.querySelector("svg");
    return svg ? parseFloat(svg.getAttribute("width")) || svg.getBoundingClientRect().width : 0;
  }

  function decorate(el, spec) {
    var words = spec.description || "";
    if (!words && spec.title) words = [].concat(spec.title.text || spec.title, spec.title.subtitle || []).join(". ");
    el.setAttribute("role", "figure");
    el.setAttribute("tabindex", "0");
    el.setAttribute("aria-label", words || "Chart");
    el.classList.add("thawbook-chart");
  }

  function prepare(entry, width) {
    var spec = clone(entry.spec);
    entry.narrow = width < config().narrowPx;
    wrapAxisLabels(spec, width, entry.narrow ? 0.45 : 0.4);
    if (entry.narrow) narrowLayout(spec, width);
    if (isDark()) {
      spec.config = merge(spec.config || {}, clone(config().dark));
      recolour(spec, config().swaps);
    }
    return spec;
  }

  function embed(entry, spec, width, round) {
    var previous = entry.result;
    return entry.real(entry.el, spec, entry.options).then(function (result) {
      if (previous && previous !== result && previous.finalize) { try { previous.finalize(); } catch (e) { /* gone */ } }
      entry.result = result;
      var drawn = drawnWidth(entry.el);
      if (drawn > width + 1 && round < 10) {
        // Fixed parts (labels, titles) do not shrink: later rounds shrink the rest harder.
        shrink(spec, Math.max(0.2, Math.pow((width - 2) / drawn, 1 + round / 2)));
        return embed(entry, spec, width, round + 1);
      }
      decorate(entry.el, entry.spec);
      entry.width = width;
      entry.dark = isDark();
      keyboard(entry);
      return result;
    });
  }

  function render(entry) {
    var width = available(entry.el);
    entry.pending = embed(entry, prepare(entry, width), width, 0);
    return entry.pending;
  }

  // ---------------------------------------------------------------- the keyboard path
  // A focused chart reads its marks aloud and on screen: the arrow keys step through every mark
  // that has a tooltip (in the order vega draws them), the readout under the chart shows that
  // tooltip's text (aria-live), a box outlines the mark, Home and End jump to the ends and
  // Escape clears. A legend bound to a selection gets a row of buttons that set the selection;
  // a chart with an interval brush gets buttons that move it and put it back.

  // The readout says what vega's mouse tooltip (vega-tooltip) shows for the same mark: its
  // "title" first, on a line of its own; then "field: value" for every other field but "image",
  // leaving out fields with no value; a nested value (object or list) as JSON. A list as the
  // whole tooltip reads "[a, b]". (tests/test_browser_readout.py compares the two.)
  function tipJson(value) { return JSON.stringify(value); }

  function tipText(value) {
    if (value == null) return "";
    if (Array.isArray(value)) {
      return "[" + value.map(function (v) { return typeof v === "string" ? v : tipJson(v); }).join(", ") + "]";
    }
    if (typeof value !== "object") return String(value);
    var lines = value.title ? [String(value.title)] : [];
    Object.keys(value).forEach(function (key) {
      var v = value[key];
      if (key === "title" || key === "image" || v === undefined) return;
      lines.push(key + ": " + (v !== null && typeof v === "object" ? tipJson(v) : String(v)));
    });
    return lines.join("\n");
  }

  function tipItems(view) {
    var found = [];
    (function walk(node) {
      (node && node.items || []).forEach(function (item) {
        if (item && item.mark && item.mark.marktype !== "group" && item.tooltip != null && item.opacity !== 0 && item._svg) found.push(item);
        if (item && item.items) walk(item);
      });
    })(view.scenegraph().root);
    return found;
  }

  function controlsFor(entry) {
    if (entry.controls) return entry.controls;
    var box = document.createElement("div");
    box.className = "thawbook-chart-controls";
    var readout = document.createElement("div");
    readout.className = "thawbook-chart-readout";
    readout.setAttribute("aria-live", "polite");
    readout.id = "thawbook-readout-" + entry.el.id;
    box.appendChild(readout);
    entry.el.insertAdjacentElement("afterend", box);
    var ring = document.createElement("div");
    ring.className = "thawbook-mark-ring";
    ring.setAttribute("aria-hidden", "true");
    entry.controls = { box: box, readout: readout, ring: ring, index: -1 };
    entry.el.addEventListener("keydown", function (event) { onKey(entry, event); });
    entry.el.addEventListener("focus", function () {
      if (!readout.textContent) readout.textContent = "Arrow keys step through the chart's marks and read each one; Escape clears.";
    });
    entry.el.addEventListener("blur", function () { if (entry.controls.index < 0) readout.textContent = ""; });
    return entry.controls;
  }

  function clearMark(entry) {
    var c = entry.controls;
    c.index = -1;
    c.readout.textContent = "";
    if (c.ring.parentNode) c.ring.parentNode.removeChild(c.ring);
  }

  function showMark(entry, index) {
    var c = entry.controls, items = tipItems(entry.result.view);
    if (!items.length) { c.readout.textContent = "This chart has no marks to read."; return; }
    index = (index + items.length) % items.length;
    c.index = index;
    var item = items[index];
    c.readout.textContent = "Mark " + (index + 1) + " of " + items.length + ". " + tipText(item.tooltip);
    var box = item._svg.getBoundingClientRect(), frame = entry.el.getBoundingClientRect();
    if (getComputedStyle(entry.el).position === "static") entry.el.style.position = "relative";
    c.ring.style.left = (box.left - frame.left + entry.el.scrollLeft - 3) + "px";
    c.ring.style.top = (box.top - frame.top + entry.el.scrollTop - 3) + "px";
    c.ring.style.width = (box.width + 6) + "px";
    c.ring.style.height = (box.height + 6) + "px";
    entry.el.appendChild(c.ring);
    if (box.right > frame.right || box.left < frame.left) entry.el.scrollLeft += box.left - frame.left - frame.width / 2;
  }

  function onKey(entry, event) {
    if (event.target !== entry.el || !entry.result) return;
    var c = entry.controls, key = event.key;
    if (key === "ArrowRight" || key === "ArrowDown") showMark(entry, c.index + 1);
    else if (key === "ArrowLeft" || key === "ArrowUp") showMark(entry, c.index < 0 ? -1 : c.index - 1);
    else if (key === "Home") showMark(entry, 0);
    else if (key === "End") showMark(entry, -1);
    else if (key === "Escape") clearMark(entry);
    else return;
    event.preventDefault();
  }

  // Every selection parameter of the spec, wherever altair put it.
  function selections(spec) {
    var found = [];
    eachView(spec, function (view) {
      (view.params || []).forEach(function (param) { if (param.select) found.push(param); });
    });
    return found;
  }

  function legendValues(spec, field) {
    var values = null, title = field;
    eachView(spec, function (view) {
      var enc = view.encoding || {};
      Object.keys(enc).forEach(function (channel) {
        var def = enc[channel];
        if (!values && def && def.field === field && def.scale && Array.isArray(def.scale.domain) && def.legend !== null) {
          values = def.scale.domain.slice();
          if (typeof def.title === "string") title = def.title.replace(/\s*\(.*\)\s*$/, "");
        }
      });
    });
    if (!values) {
      var seen = {};
      values = [];
      Object.keys(spec.datasets || {}).forEach(function (name) {
        spec.datasets[name].forEach(function (row) {
          if (row && row[field] != null && !seen[row[field]]) { seen[row[field]] = 1; values.push(row[field]); }
        });
      });
    }
    return { values: values, title: title };
  }

  function button(words, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = words;
    b.addEventListener("click", onClick);
    return b;
  }

  function legendFilter(entry, param) {
    var select = typeof param.select === "string" ? { type: param.select } : param.select;
    var field = (select.fields || [])[0];
    if (!field) return;
    var legend = legendValues(entry.spec, field);
    var chosen = entry.chosen || (entry.chosen = {});
    var group = document.createElement("div");
    group.className = "thawbook-chart-filter";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Show only one " + legend.title.toLowerCase() + " in the chart above");
    var label = document.createElement("span");
    label.textContent = "Show " + legend.title.toLowerCase() + ": ";
    group.appendChild(label);
    var buttons = [];
    function apply() {
      var picked = legend.values.filter(function (v) { return chosen[v]; });
      var tuples = picked.map(function (v) { return { unit: "", fields: [{ type: "E", field: field }], values: [v] }; });
      buttons.forEach(function (b) {
        b.setAttribute("aria-pressed", b.dataset.value == null ? String(!picked.length) : String(!!chosen[b.dataset.value]));
      });
      if (entry.result) entry.result.view.data(param.name + "_store", tuples).runAsync();
    }
    var all = button("all", function () { Object.keys(chosen).forEach(function (k) { delete chosen[k]; }); apply(); });
    buttons.push(all);
    group.appendChild(all);
    legend.values.forEach(function (value) {
      var b = button(String(value), function () { chosen[value] = !chosen[value]; apply(); });
      b.dataset.value = value;
      buttons.push(b);
      group.appendChild(b);
    });
    entry.applyFilters = (entry.applyFilters || []).concat([apply]);
    return group;
  }

  // An interval brush moved in data units: ``by`` and ``grow`` are shares of its length. Its
  // store (which the views it drives read) is set through the view's data; its rectangle and
  // its own signals, in the nested scope of the view that draws it, through the view's state.
  function moveBrush(entry, param, channel, by, grow) {
    var view = entry.result.view, xName = param.name + "_" + channel, tupleName = param.name + "_tuple";
    var state = view.getState({ signals: function () { return true; }, data: function () { return false; }, recurse: true });
    var scope = null;
    (function walk(node) {
      if (!node || scope) return;
      if (node.signals && node.signals[tupleName] && node.signals[xName]) scope = node;
      else (node.subcontext || []).forEach(walk);
    })(state);
    if (!scope) return false;
    // The view's first extent maps data to pixels (linearly, as on a time or linear scale); the
    // brush's place since is kept here, since the state read back holds the first one still.
    var first = entry.brushes[xName] || (entry.brushes[xName] = {
      tuple: scope.signals[tupleName], pixels: scope.signals[xName],
      values: scope.signals[tupleName].values[0].map(function (v) { return +new Date(v); }),
    });
    var tuple = first.tuple, field = tuple.fields[0].field, dataName = param.name + "_" + field.replace(/\W/g, "_");
    var pixels = first.pixels, values = first.values, now = first.now || values;
    var lo = Math.min(now[0], now[1]), hi = Math.max(now[0], now[1]), span = hi - lo || 1;
    var next = [lo + by * span - grow * span, hi + by * span + grow * span];
    var toPixel = function (v) { return pixels[0] + (v - values[0]) * (pixels[1] - pixels[0]) / ((values[1] - values[0]) || 1); };
    var keep = {};
    keep[xName] = next.map(toPixel);
    if (scope.signals[dataName] !== undefined) keep[dataName] = next.map(function (v) { return new Date(v); });
    keep[tupleName] = Object.assign({}, tuple, { values: [next] });
    Object.keys(scope.signals).forEach(function (name) { if (!(name in keep)) delete scope.signals[name]; });
    Object.assign(scope.signals, keep);
    first.now = next;
    state.signals = {};
    view.setState(state);
    view.data(param.name + "_store", [keep[tupleName]]).runAsync();
    return true;
  }

  function brushControls(entry, param) {
    var select = typeof param.select === "string" ? { type: param.select } : param.select;
    var channel = (select.encodings || ["x"])[0];
    var group = document.createElement("div");
    group.className = "thawbook-chart-brush";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Move the selected range of the chart above");
    var label = document.createElement("span");
    label.textContent = "Range: ";
    group.appendChild(label);
    [["earlier", -0.5, 0], ["later", 0.5, 0], ["wider", 0, 0.25], ["narrower", 0, -0.2]].forEach(function (step) {
      group.appendChild(button(step[0], function () { if (entry.result) moveBrush(entry, param, channel, step[1], step[2]); }));
    });
    group.appendChild(button("reset", function () { render(entry); }));
    return group;
  }

  function keyboard(entry) {
    var c = controlsFor(entry);
    entry.brushes = {};
    c.index = -1;
    if (c.ring.parentNode) c.ring.parentNode.removeChild(c.ring);
    if (!c.built) {
      c.built = true;
      selections(entry.spec).forEach(function (param) {
        var select = typeof param.select === "string" ? { type: param.select } : param.select;
        var group = null;
        if (param.bind === "legend" && select.type === "point") group = legendFilter(entry, param);
        else if (select.type === "interval") group = brushControls(entry, param);
        if (group) c.box.insertBefore(group, c.readout);
      });
    }
    (entry.applyFilters || []).forEach(function (apply) { apply(); });
  }

  function install(real) {
    if (!real || real.thawbook) return real;
    var wrapped = function (el, spec, options) {
      if (typeof el === "string") el = document.querySelector(el);
      var entry = { el: el, spec: spec, options: Object.assign({}, options || {}), real: real };
      charts.push(entry);
      decorate(el, spec);
      return render(entry);
    };
    Object.keys(real).forEach(function (key) { wrapped[key] = real[key]; });
    wrapped.thawbook = true;
    return wrapped;
  }

  if (window.vegaEmbed) {
    window.vegaEmbed = install(window.vegaEmbed);
  } else {
    var held;
    Object.defineProperty(window, "vegaEmbed", {
      configurable: true,
      get: function () { return held; },
      set: function (value) { held = install(value); },
    });
  }

  function refresh(force) {
    charts.forEach(function (entry) {
      var width = available(entry.el);
      if (force || entry.dark !== isDark() || Math.abs((entry.width || 0) - width) > 8) render(entry);
    });
  }

  new MutationObserver(function () { refresh(false); })
    .observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  var timer = null;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { refresh(false); }, 150);
  });
  window.thawbookCharts = { charts: charts, refresh: refresh };
})();
