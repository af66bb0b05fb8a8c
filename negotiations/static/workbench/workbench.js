// Keyboard for the review queue: j/k move, x selects, a/r approve/reject the current item,
// e opens its correction form, Shift+A / Shift+R approve / reject the selected items.
(function () {
  "use strict";
  function items() { return Array.prototype.slice.call(document.querySelectorAll(".wb-item[data-key]")); }
  function current() {
    var list = items();
    var active = document.activeElement && document.activeElement.closest ? document.activeElement.closest(".wb-item[data-key]") : null;
    return active || list.find(function (el) { return el.classList.contains("wb-current"); }) || null;
  }
  function focus(el) {
    items().forEach(function (other) { other.classList.remove("wb-current"); });
    if (el) { el.classList.add("wb-current"); el.focus(); el.scrollIntoView({ block: "nearest" }); }
  }
  function press(el, selector) { var b = el && el.querySelector(selector); if (b) { b.click(); } }
  // Typing belongs to whatever takes text: any input (search, number, checkbox... every type),
  // a textarea, a select or a contenteditable element. Shortcuts never act while one has focus.
  function editing(target) {
    if (!target || !target.tagName) { return false; }
    if (target.isContentEditable) { return true; }
    return ["input", "textarea", "select"].indexOf(target.tagName.toLowerCase()) !== -1;
  }
  document.addEventListener("keydown", function (event) {
    if (!document.getElementById("wb-queue-form")) { return; }
    if (editing(event.target) || editing(document.activeElement) || event.isComposing) { return; }
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var list = items(), el = current(), i = el ? list.indexOf(el) : -1;
    switch (event.key) {
      case "j": focus(list[Math.min(i + 1, list.length - 1)]); break;
      case "k": focus(list[Math.max(i - 1, 0)]); break;
      case "x": if (el) { var box = el.querySelector(".wb-check"); box.checked = !box.checked; } break;
      case "a": press(el, "button[name=approve_one]"); break;
      case "r": press(el, "button[name=reject_one]"); break;
      case "e": press(el, "a.wb-correct"); break;
      case "A": document.getElementById("wb-bulk-approve").click(); break;
      case "R": document.getElementById("wb-bulk-reject").click(); break;
      default: return;
    }
    event.preventDefault();
  });
  document.addEventListener("DOMContentLoaded", function () {
    if (document.getElementById("wb-queue-form")) { focus(items()[0]); }
  });
})();
