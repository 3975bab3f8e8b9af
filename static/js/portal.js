/* Small behaviours the pages share. Everything works without them. */
(function () {
  "use strict";

  // "Add a row" for Django formsets: clones the <template> of the empty form,
  // numbering it with the formset's TOTAL_FORMS.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-formset-add]");
    if (!button) return;
    event.preventDefault();
    var prefix = button.getAttribute("data-formset-add");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var template = document.getElementById(prefix + "-empty");
    var target = document.getElementById(prefix + "-rows");
    if (!total || !template || !target) return;
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    target.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var first = target.lastElementChild && target.lastElementChild.querySelector("input, select, textarea");
    if (first) first.focus();
  });

  // A "Print" button (no inline handlers: the Content-Security-Policy forbids them).
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) window.print();
  });

  // After htmx swaps content in, move focus to what the swap brought so that
  // keyboard and screen-reader users are not left on a removed element.
  document.addEventListener("htmx:afterSwap", function (event) {
    var focus = event.detail.target.querySelector("[data-autofocus]") ||
      (event.detail.target.matches && event.detail.target.matches("[data-autofocus]") ? event.detail.target : null);
    if (focus) focus.focus();
  });

  // After a failed submit, focus the error summary (includes/_error_summary.html), so
  // that keyboard and screen-reader users start from the list of what to fix; its
  // links move focus into the field itself, not just the scroll position.
  function focusErrorSummary(root) {
    var summary = root.querySelector && root.querySelector("[data-error-summary]");
    if (summary) summary.focus();
  }
  document.addEventListener("DOMContentLoaded", function () { focusErrorSummary(document); });
  document.addEventListener("htmx:load", function (event) { focusErrorSummary(event.target); });
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-error-summary] a[href^='#']");
    if (!link) return;
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) return;
    event.preventDefault();
    field.focus();
  });
})();
