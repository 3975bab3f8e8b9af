/* The portal's service worker, served at /sw.js by khuyenhoc/offline.py, which puts CONFIG
 * (the URLs below) in front of this file.
 *
 * It keeps, in one cache, only what a reporter needs to fill a draft without a connection:
 * "My reports", the edit pages of the user's own reports (the server answers 200 for those
 * only), the static files those pages load and the offline page. Those pages go to the
 * network first and come from the cache when it fails; any other page is never kept, and
 * offline it is answered with the offline page. static/js/offline.js fills the cache from
 * "My reports" and empties it when the user logs out.
 */
"use strict";

var CACHE = "khuyenhoc-offline";
var EDIT = new RegExp(CONFIG.editPattern);

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

function kept(url) {
  return !url.search && (url.pathname === CONFIG.myReports || EDIT.test(url.pathname));
}

function fromCache(request) {
  return caches.open(CACHE).then(function (cache) { return cache.match(request, { ignoreVary: true }); });
}

// A page that is no longer the user's to fill (submitted, another user now, signed out)
// answers with a redirect or an error: its old copy goes too.
function remember(request, response) {
  return caches.open(CACHE).then(function (cache) {
    if (response.ok && !response.redirected && response.type === "basic") return cache.put(request, response);
    return cache.delete(request, { ignoreVary: true });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request).then(function (response) {
        if (kept(url)) event.waitUntil(remember(request, response.clone()));
        return response;
      }).catch(function () {
        return (kept(url) ? fromCache(request) : Promise.resolve(undefined)).then(function (hit) {
          return hit || fromCache(CONFIG.offline);
        }).then(function (hit) { return hit || Response.error(); });
      })
    );
  } else if (url.pathname.indexOf(CONFIG.static) === 0) {
    event.respondWith(fetch(request).catch(function () {
      return fromCache(request).then(function (hit) { return hit || Response.error(); });
    }));
  }
});
