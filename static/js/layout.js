/* Layout helpers: tables that turn into cards on a phone, and printing. */
(function () {
  "use strict";

  // Under 768 px a table marked .table-cards shows each row as a card (see
  // portal.css). Each cell is labelled with its column's heading so that the
  // card reads on its own; the heading is copied here rather than repeated in
  // every template. Without this script the table stays a scrollable table.
  document.querySelectorAll("table.table-cards").forEach(function (table) {
    var headings = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          if (cell.colSpan === 1 && cell.getAttribute("scope") !== "row" && headings[column]) {
            cell.setAttribute("data-label", headings[column]);
          }
          if (!cell.textContent.trim() && !cell.querySelector("a, button, input, select, img")) {
            cell.setAttribute("data-empty", "");
          }
          column += cell.colSpan;
        });
      });
    });
    table.setAttribute("data-cards", "");
  });

  // On paper nothing can be unfolded: open every <details> while printing and
  // fold back those that were closed afterwards.
  var reopened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.open = true;
      reopened.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    reopened.forEach(function (details) { details.open = false; });
    reopened = [];
  });
})();
