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
  var observer = new MutationObserver(function () { hideUnlabelled(document); });
  document.addEventListener("DOMContentLoaded", function () {
    hideUnlabelled(document);
    observer.observe(document.body, { childList: true, subtree: true });
  });
})();
