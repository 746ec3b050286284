/* The annotated source (chapter 02; thawbook.annotate). Without JavaScript a highlight (a.hl) is
   a link to its row in the table below, and its popup ([role=tooltip]) shows on hover and focus
   by CSS. Here a highlight is also a disclosure (aria-expanded, aria-controls, aria-haspopup) whose
   popup becomes a non-modal dialog named by the highlighted words, with a Close button: a tap,
   click, Enter or Space opens it and moves focus in (a second one follows the link); its links
   join the Tab order only while it is open; Escape, Close, a tap elsewhere or focus leaving it
   close it, and focus goes back to the highlight. */
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
    p.popup.querySelectorAll("a, button").forEach(function (link) {
      if (open) link.removeAttribute("tabindex"); else link.setAttribute("tabindex", "-1");
    });
  }

  function open(holder) {
    var p = parts(holder);
    closeAll(holder);
    holder.classList.remove("quiet");
    setOpen(holder, true);
    p.popup.focus(); // into the dialog: its name is read, and Tab goes on to its links
  }

  function close(holder) {
    setOpen(holder, false);
    holder.classList.add("quiet"); // hide it even while hovered or focused (WCAG 1.4.13)
    parts(holder).trigger.focus();
  }

  function asDialog(trigger, popup) {
    var name = "Rows on \u201c" + trigger.textContent.trim() + "\u201d";
    [[popup, { role: "dialog", "aria-label": name, tabindex: "-1" }], [trigger, { "aria-haspopup": "dialog", "aria-controls": popup.id }]]
      .forEach(function (pair) { Object.keys(pair[1]).forEach(function (key) { pair[0].setAttribute(key, pair[1][key]); }); });
    var button = document.createElement("button");
    button.type = "button";
    button.className = "thawbook-popup-close";
    button.setAttribute("aria-label", "Close");
    button.innerHTML = '<span aria-hidden="true">\u00d7</span>';
    popup.appendChild(button); // after the row links: Tab reaches them first
    return button;
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
      var closeButton = asDialog(p.trigger, p.popup);
      setOpen(holder, false);

      p.trigger.addEventListener("click", function (event) {
        if (holder.classList.contains("open")) return setOpen(holder, false); // the second activation follows the link
        event.preventDefault();
        open(holder);
      });
      p.trigger.addEventListener("keydown", function (event) {
        if (event.key !== " " && event.key !== "Spacebar") return;
        event.preventDefault(); // a link ignores Space; do not scroll the page either
        if (holder.classList.contains("open")) close(holder);
        else open(holder);
      });
      closeButton.addEventListener("click", function (event) { event.preventDefault(); close(holder); });
      p.popup.addEventListener("click", function (event) {
        if (event.target.closest("a")) setOpen(holder, false); // a row link: go to the row
      });
      holder.addEventListener("focusout", function (event) {
        if (event.relatedTarget && holder.contains(event.relatedTarget)) return;
        holder.classList.remove("quiet");
        if (event.relatedTarget && holder.classList.contains("open")) setOpen(holder, false);
      });
      holder.addEventListener("mouseleave", function () {
        // still focused (focus went back to the highlight on close): stay hidden until focus leaves
        if (!holder.contains(document.activeElement)) holder.classList.remove("quiet");
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
    if (holder && parts(holder).trigger) close(holder);
  });

  document.addEventListener("click", function (event) {
    closeAll(event.target.closest && event.target.closest(".annotated-source .s"));
  });
});
