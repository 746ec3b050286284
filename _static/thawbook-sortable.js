/* Tables of the thaw report (thawbook.render.display.table) and the page around them.
   - Sorting: a header of a table.sortable becomes a button that sorts the rows by its column
     (numbers as numbers; ISO dates as text), again to reverse; aria-sort says the order.
   - Filtering: a long table's hidden, labelled search box is shown; typing keeps the rows that
     contain every word typed, and the count shown is announced (aria-live).
   (The build's date and commit come from thawbook-build.js, which _templates/layout.html loads.) */
document.addEventListener("DOMContentLoaded", function () {
  /* A hidden code cell's toggle is named "Toggle hidden content" while it shows "Show code cell
     source": without the aria-label its name is its visible words (axe: label-content-name-mismatch). */
  document.querySelectorAll('details > summary[aria-label="Toggle hidden content"]').forEach(function (summary) {
    summary.removeAttribute("aria-label");
  });

  /* On a phone each row reads as a card (thawbook.css): every cell is named by its column. */
  document.querySelectorAll("table.thawbook-table").forEach(function (table) {
    var names = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) { return th.textContent.trim(); });
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      Array.prototype.forEach.call(row.cells, function (cell, i) { if (names[i]) { cell.setAttribute("data-label", names[i]); } });
    });
    table.classList.add("thawbook-cards");
  });

  document.querySelectorAll("table.sortable").forEach(function (table) {
    var headers = table.querySelectorAll("thead th");
    headers.forEach(function (th, column) {
      var button = Object.assign(document.createElement("button"), { type: "button", textContent: th.textContent });
      button.setAttribute("aria-label", "Sort by " + th.textContent);
      th.replaceChildren(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[column].textContent.trim(), y = b.cells[column].textContent.trim();
          var nx = Number(x), ny = Number(y);
          var order = (x !== "" && y !== "" && !isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });

  document.querySelectorAll("div.thawbook-filter").forEach(function (box) {
    var input = box.querySelector("input"), table = document.getElementById(input.getAttribute("data-table"));
    if (!table) { return; }
    var count = box.querySelector(".thawbook-filter-count"), rows = Array.prototype.slice.call(table.tBodies[0].rows);
    box.hidden = false;
    function apply() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = rows.filter(function (row) {
        row.hidden = !words.every(function (word) { return row.textContent.toLowerCase().indexOf(word) !== -1; });
        return !row.hidden;
      }).length;
      count.textContent = words.length ? shown + " of " + rows.length + " rows shown" : "";
    }
    input.addEventListener("input", apply);
  });

  /* Every table scrolls in its own box (at most 75% of the window high), so its header stays
     in view and its horizontal scrollbar is on screen. A box that does scroll can be scrolled
     from the keyboard: it takes focus and is a region named by the table's caption. */
  document.querySelectorAll(".thawbook-table-wrap").forEach(function (box) {
    if (box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1) {
      box.classList.add("thawbook-scrolls");
      if (!box.hasAttribute("tabindex")) {
        var caption = box.querySelector("caption[id]");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        if (caption) { box.setAttribute("aria-labelledby", caption.id); }
      }
    }
  });

  /* A link to a row (#co-…) scrolls a long table's own box to it and marks it. */
  function markTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var row = id && document.getElementById(id);
    if (row && row.tagName === "TR") {
      row.hidden = false;
      var box = row.closest(".thawbook-scrolls");
      if (!box) { row.scrollIntoView({ block: "center" }); return; }
      /* Bring the table's box into view (below the theme's sticky header bar), then scroll the
         box itself so the row sits just under the table's sticky header. */
      box.scrollIntoView({ block: "start" });
      var bar = document.querySelector(".bd-header");
      window.scrollBy(0, -((bar ? bar.getBoundingClientRect().height : 0) + 16));
      var head = box.querySelector("thead");
      box.scrollTop += row.getBoundingClientRect().top - box.getBoundingClientRect().top
        - (head ? head.getBoundingClientRect().height : 0) - 8;
    }
  }
  window.addEventListener("hashchange", markTarget);
  markTarget();
});
