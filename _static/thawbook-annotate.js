/* The annotated source (chapter 02; thawbook.annotate): tap, click and keyboard for the popups.
   Without JavaScript each highlight (a.hl) is a plain link to its row in the table at the end of
   the page, and its popup ([role=tooltip], the element its aria-describedby names) shows on hover
   and focus with CSS only. Here a highlight becomes a disclosure as well:
   - a tap, click, Enter or Space on a highlight opens its popup and does not follow the link;
     a second tap, click or Enter on it follows the link, as does a row link inside the popup;
   - the popup's row links join the Tab order only while it is open (Tab from the highlight
     moves into them);
   - Escape closes the open popup (or hides the one shown by hover or focus) and puts focus back
     on its highlight; a tap or click elsewhere, or focus leaving it, closes it too.
   aria-expanded on the highlight says whether its popup is open; aria-controls names it. */
document.addEventListener("DOMContentLoaded", function () {
  var roots = document.querySelectorAll(".annotated-source");
  if (!roots.length) return;

  function parts(holder) {
    var trigger = holder.querySelector(":scope > a.hl");
    var popup = trigger && document.getElementById(trigger.getAttribute("aria-describedby"));
    return { trigger: trigger, popup: popup };
  }

  function setOpen(holder, open) {
    var p = parts(holder);
    holder.classList.toggle("open", open);
    p.trigger.setAttribute("aria-expanded", open ? "true" : "false");
    p.popup.querySelectorAll("a").forEach(function (link) {
      if (open) link.removeAttribute("tabindex");
      else link.setAttribute("tabindex", "-1");
    });
  }

  function closeAll(except) {
    document.querySelectorAll(".annotated-source .s.open").forEach(function (holder) {
      if (holder !== except) setOpen(holder, false);
    });
  }

  roots.forEach(function (root) {
    root.querySelectorAll(".s").forEach(function (holder) {
      var p = parts(holder);
      if (!p.trigger || !p.popup) return;
      p.trigger.setAttribute("aria-controls", p.popup.id);
      setOpen(holder, false);

      p.trigger.addEventListener("click", function (event) {
        if (holder.classList.contains("open")) {
          setOpen(holder, false); // the second activation follows the link
          return;
        }
        event.preventDefault();
        closeAll(holder);
        holder.classList.remove("quiet");
        setOpen(holder, true);
      });
      p.trigger.addEventListener("keydown", function (event) {
        if (event.key !== " " && event.key !== "Spacebar") return;
        event.preventDefault(); // a link ignores Space; do not scroll the page either
        var open = !holder.classList.contains("open");
        closeAll(holder);
        holder.classList.remove("quiet");
        setOpen(holder, open);
      });
      p.popup.addEventListener("click", function (event) {
        if (event.target.closest("a")) setOpen(holder, false); // a row link: go to the row
      });
      holder.addEventListener("focusout", function (event) {
        if (event.relatedTarget && holder.contains(event.relatedTarget)) return;
        holder.classList.remove("quiet");
        if (event.relatedTarget && holder.classList.contains("open")) setOpen(holder, false);
      });
      holder.addEventListener("mouseleave", function () {
        holder.classList.remove("quiet");
      });
    });
    root.classList.add("popups-enhanced");
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") return;
    var active = document.activeElement;
    var holder =
      (active && active.closest && active.closest(".annotated-source .s")) ||
      document.querySelector(".annotated-source .s.open");
    if (!holder) return;
    var p = parts(holder);
    if (!p.trigger) return;
    setOpen(holder, false);
    holder.classList.add("quiet"); // hide it even while hovered or focused (WCAG 1.4.13)
    p.trigger.focus();
  });

  document.addEventListener("click", function (event) {
    var inside = event.target.closest && event.target.closest(".annotated-source .s");
    closeAll(inside);
  });
});
