/* Vega-Lite labels each mark container it draws from data, but leaves its interval-brush
   rectangles and empty layers as unlabelled "graphics-symbol" groups. They are decorative
   (the brush's extent is shown by the axes it drives), so they are hidden from assistive
   technology once a chart has rendered. Labelled marks are left exactly as vega made them. */
(function () {
  function hideUnlabelled(root) {
    root.querySelectorAll('.vega-embed g[role="graphics-symbol"]:not([aria-label])').forEach(function (g) {
      g.setAttribute("aria-hidden", "true");
      g.removeAttribute("role");
    });
  }
  // A hidden code cell's toggle (<summary>) is named "Toggle hidden content" while it shows
  // "Show code cell source": a voice-control user saying what they see could not reach it
  // (axe: label-content-name-mismatch). Without the aria-label its name is its visible words.
  function nameTogglesByTheirWords(root) {
    root.querySelectorAll('details > summary[aria-label="Toggle hidden content"]').forEach(function (summary) {
      summary.removeAttribute("aria-label");
    });
  }
  document.addEventListener("DOMContentLoaded", function () { nameTogglesByTheirWords(document); });
  var observer = new MutationObserver(function () { hideUnlabelled(document); });
  document.addEventListener("DOMContentLoaded", function () {
    hideUnlabelled(document);
    observer.observe(document.body, { childList: true, subtree: true });
  });
})();
