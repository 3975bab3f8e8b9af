/* Filing without a connection, the page's side (the worker is static/js/sw.js): registers
 * the worker for a signed-in user and empties its cache for anyone else. */
(function () {
  "use strict";

  var CACHE = "khuyenhoc-offline";
  var worker = document.body.getAttribute("data-offline-worker");

  if (!worker && window.caches) window.caches.delete(CACHE);
  if (worker && navigator.serviceWorker) navigator.serviceWorker.register(worker, { scope: "/" });
})();
