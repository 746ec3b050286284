/* Charts that fit their column, follow the colour mode and can be reached by keyboard.

   altair's output calls the global vegaEmbed(div, spec, options). This script wraps that
   function, keeps each chart's spec, and embeds it again, never scaling the SVG as a picture:
   - to the width of its column: numeric widths (and band steps) shrink until the chart fits;
     below THAWBOOK_CHARTS.narrowPx, panels side by side are stacked, a facet takes one column,
     legends go below, and long category labels wrap instead of being cut;
   - with the dark config and colour swaps when the page's data-theme is "dark", and again
     whenever the reader toggles the mode or the column's width changes;
   - as a focusable figure (tabindex 0) named by the chart's description, its finding.
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
          var lines = Math.min(5, Math.ceil(longest(spec, enc.y.field) / chars));
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
      var field = enc.text.field, chars = Math.max(16, Math.floor(width * 0.5 / 6.2));
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
        if (typeof def.title === "string" && def.title.length * 6.6 > width * 0.8) def.title = wrapLines(def.title, Math.floor(width * 0.8 / 6.6));
        if (def.legend && typeof def.legend === "object" && def.legend.columns > 1) def.legend.columns = 1;
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
        shrink(spec, Math.max(0.2, (width - 2) / drawn));
        return embed(entry, spec, width, round + 1);
      }
      decorate(entry.el, entry.spec);
      entry.width = width;
      entry.dark = isDark();
      return result;
    });
  }

  function render(entry) {
    var width = available(entry.el);
    entry.pending = embed(entry, prepare(entry, width), width, 0);
    return entry.pending;
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
