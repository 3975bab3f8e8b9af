/* The calendar button of the dd/mm/yyyy date fields (khuyenhoc/dates.py).
 *
 * The field stays a text input: a native <input type=date> would show the date
 * month first in an English browser. The button opens the browser's own date
 * picker on a hidden date input and writes the chosen day back as dd/mm/yyyy.
 * Without JavaScript, or in a browser without showPicker(), the button stays
 * hidden and the text field works alone.
 */
(function () {
  "use strict";

  if (!("showPicker" in HTMLInputElement.prototype)) return;

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  // "4/7/2025", "04-07-2025", "4.7.2025" -> "2025-07-04"; "" if not a date.
  function toIso(text) {
    var match = /^\s*(\d{1,2})\s*([\/.\-])\s*(\d{1,2})\s*\2\s*(\d{4})\s*$/.exec(text);
    if (!match) return "";
    var day = +match[1], month = +match[3], year = +match[4];
    var probe = new Date(year, month - 1, day);
    if (probe.getMonth() !== month - 1 || probe.getDate() !== day) return "";
    return match[4] + "-" + pad(month) + "-" + pad(day);
  }

  function reveal() {
    document.querySelectorAll("[data-date-picker][hidden]").forEach(function (button) {
      button.hidden = false;
    });
  }

  function pickerFor(button) {
    var picker = button.parentNode.querySelector("input[data-date-native]");
    if (picker) return picker;
    picker = document.createElement("input");
    picker.type = "date";
    picker.tabIndex = -1;
    picker.setAttribute("aria-hidden", "true");
    picker.setAttribute("data-date-native", "");
    // Rendered (so the picker opens beside the button) but neither seen nor focusable.
    picker.style.cssText = "position:absolute;right:0;bottom:0;width:1px;height:1px;opacity:0;pointer-events:none;border:0;padding:0";
    picker.addEventListener("change", function () {
      var text = button.parentNode.querySelector("input[data-date-input]");
      var parts = picker.value.split("-");
      if (!text || parts.length !== 3) return;
      text.value = parts[2] + "/" + parts[1] + "/" + parts[0];
      text.dispatchEvent(new Event("input", { bubbles: true }));
      text.dispatchEvent(new Event("change", { bubbles: true }));
      text.focus();
    });
    button.parentNode.appendChild(picker);
    return picker;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-date-picker]");
    if (!button) return;
    var text = button.parentNode.querySelector("input[data-date-input]");
    var picker = pickerFor(button);
    picker.value = text ? toIso(text.value) : "";
    try {
      picker.showPicker();
    } catch (error) {
      // Not allowed here (e.g. inside a cross-origin frame): the text field still works.
      if (text) text.focus();
    }
  });

  reveal();
  // Fields added later: htmx swaps and the formsets' "add a row".
  new MutationObserver(reveal).observe(document.body, { childList: true, subtree: true });
})();
