// tidings web UI: the only script, vendored with the package (no third-party code).
// On an article page, pointing at a coded event lights up its words in the text, and
// pointing at highlighted event words lights up the coded event beside the text.
"use strict";
(function () {
  function marksFor(id) {
    return document.querySelectorAll("mark[data-events~='" + CSS.escape(id) + "']");
  }
  function setActive(id, on) {
    marksFor(id).forEach(function (m) { m.classList.toggle("active", on); });
    document.querySelectorAll(".coded-event[data-event='" + CSS.escape(id) + "']")
      .forEach(function (c) { c.classList.toggle("active", on); });
  }
  document.querySelectorAll(".coded-event[data-event]").forEach(function (card) {
    var id = card.getAttribute("data-event");
    card.addEventListener("mouseenter", function () { setActive(id, true); });
    card.addEventListener("mouseleave", function () { setActive(id, false); });
  });
  document.querySelectorAll("mark[data-events]").forEach(function (mark) {
    var ids = mark.getAttribute("data-events").split(" ");
    mark.addEventListener("mouseenter", function () { ids.forEach(function (i) { setActive(i, true); }); });
    mark.addEventListener("mouseleave", function () { ids.forEach(function (i) { setActive(i, false); }); });
  });
})();
