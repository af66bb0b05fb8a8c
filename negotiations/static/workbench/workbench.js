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
    if (!document.getElementById("wb-queue-form")) { return; }
    // After a decision the page comes back with the next item's id in its fragment (see below);
    // a kind's page link with "#page-<kind>": that kind's first item then.
    var hash = location.hash.slice(1), target = hash ? document.getElementById(hash) : null;
    if (hash.indexOf("page-") === 0) {
      target = document.querySelector("#section-" + hash.slice(5) + " .wb-item[data-key]");
    }
    focus(target && target.matches(".wb-item[data-key]") ? target : items()[0]);
  });
})();

// The review queue as a list one works through: the count of selected items, and after a
// decision the focus on the item that followed the decided ones (not back at the top).
(function () {
  "use strict";
  function checked(form) { return Array.prototype.slice.call(form.querySelectorAll(".wb-check:checked")); }
  function showCount(form) {
    var out = document.getElementById("wb-selected");
    if (out) { out.textContent = checked(form).length + " selected"; }
  }
  // The first item after the decided ones that stays in the list (or the last one before them).
  function following(decided) {
    var list = Array.prototype.slice.call(document.querySelectorAll(".wb-item[data-key]"));
    var positions = list.map(function (el, i) { return decided.indexOf(el.dataset.key) !== -1 ? i : -1; })
      .filter(function (i) { return i !== -1; });
    if (!positions.length) { return null; }
    var last = Math.max.apply(null, positions), first = Math.min.apply(null, positions);
    var after = list.slice(last + 1).find(function (el) { return decided.indexOf(el.dataset.key) === -1; });
    if (after) { return after; }
    return list.slice(0, first).reverse().find(function (el) { return decided.indexOf(el.dataset.key) === -1; }) || null;
  }
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("wb-queue-form");
    if (!form) { return; }
    form.addEventListener("change", function (event) {
      if (event.target.classList.contains("wb-check")) { showCount(form); }
    });
    // The "x" shortcut flips a box without a change event: count on every key too.
    document.addEventListener("keyup", function () { showCount(form); });
    form.addEventListener("submit", function (event) {
      var button = event.submitter, decided;
      if (button && (button.name === "approve_one" || button.name === "reject_one")) {
        decided = [button.value];
      } else {
        decided = checked(form).map(function (box) { return box.value; });
      }
      var next = following(decided), back = form.querySelector("input[name=next]");
      if (back) { back.value = back.value.split("#")[0] + (next ? "#" + next.id : ""); }
    });
    showCount(form);
  });
})();

// The admin's autocomplete boxes (select2: the merge form's pickers) name their combobox after
// the selected value only, so an empty one has no accessible name (axe: aria-input-field-name):
// give the combobox and its value box the text of their field's label, once the admin's script
// has built them.
(function () {
  "use strict";
  function name() {
    document.querySelectorAll(".select2-selection__rendered[id^='select2-']").forEach(function (shown) {
      var id = shown.id.replace(/^select2-/, "").replace(/-container$/, "");
      var label = document.querySelector("label[for='" + id + "']");
      if (!label) { return; }
      var text = label.textContent.trim();
      shown.setAttribute("aria-label", text);
      var box = shown.closest(".select2-selection");
      if (box) { box.setAttribute("aria-label", text); }
    });
  }
  // The admin builds them in a jQuery ready handler (autocomplete.js, loaded before this script
  // runs, since this one is deferred); a ready handler added now runs after it.
  document.addEventListener("DOMContentLoaded", function () {
    if (window.django && window.django.jQuery) { window.django.jQuery(name); }
  });
})();
