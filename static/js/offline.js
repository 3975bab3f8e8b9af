/* Filing without a connection, the page's side (the worker is static/js/sw.js).
 *
 * - Signed in (body[data-offline-worker]), it registers the worker; on any other page, and
 *   when the user logs out, it empties the worker's cache: it holds one user's drafts only.
 * - "My reports" (ul[data-offline-precache]) keeps the edit pages of the drafts it lists
 *   (a[data-offline-keep]), itself, the offline page and the static files of the page.
 * - The report form (form[data-offline-draft]) says in its status line where the typing is:
 *   autosave.js keeps it on this phone; when the connection returns it is sent to the
 *   draft URL with the version it was typed on. If the portal's version moved on, both are
 *   shown side by side (the panel [data-offline-conflict]) and nothing is sent until the
 *   user chooses; autosave's copy stays until then. Submitting needs a connection.
 * The words come from the template, as data attributes (reports/includes/_offline.html).
 */
(function () {
  "use strict";

  var CACHE = "khuyenhoc-offline";
  var worker = document.body.getAttribute("data-offline-worker");

  // The worker's cache and the files waiting to be attached: one user's, never the next one's.
  function forget() {
    var files = new Promise(function (resolve) {
      if (!window.indexedDB) return resolve();
      var deleting = window.indexedDB.deleteDatabase("khuyenhoc-offline");
      deleting.onsuccess = deleting.onerror = deleting.onblocked = function () { resolve(); };
    });
    return Promise.all([window.caches ? window.caches.delete(CACHE) : Promise.resolve(), files]);
  }

  if (!worker) forget();
  var registered = worker && navigator.serviceWorker
    ? navigator.serviceWorker.register(worker, { scope: "/" }).then(function () { return navigator.serviceWorker.ready; })
    : Promise.resolve();

  // Logging out empties the cache first, then logs out (form.submit() fires no second submit).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-autosave-forget]")) return;
    event.preventDefault();
    forget().then(function () { form.submit(); }, function () { form.submit(); });
  });

  function precache(list) {
    var urls = [window.location.pathname, list.getAttribute("data-offline-precache")];
    document.querySelectorAll("a[data-offline-keep]").forEach(function (a) { urls.push(a.getAttribute("href")); });
    document.querySelectorAll("script[src], link[rel=stylesheet]").forEach(function (el) {
      urls.push(el.getAttribute("src") || el.getAttribute("href"));
    });
    return window.caches.open(CACHE).then(function (cache) {
      return Promise.all(urls.map(function (url) {
        return fetch(url, { credentials: "same-origin" }).then(function (response) {
          if (response.ok && !response.redirected) return cache.put(url, response);
        }).catch(function () { /* offline: what was kept stays */ });
      }));
    });
  }

  var list = document.querySelector("[data-offline-precache]");
  if (worker && list && window.caches && navigator.onLine) {
    Promise.all([registered, precache(list)]).then(function () { document.body.setAttribute("data-offline-ready", ""); });
  }

  /* The report form. */
  var form = document.querySelector("form[data-offline-draft]");
  var status = document.querySelector("[data-offline-status]");
  var panel = document.querySelector("[data-offline-conflict]");
  if (!form || !status) return;
  var submitButton = form.querySelector("button[name=submit]:not([hidden])");
  var submitLabel = submitButton && submitButton.textContent;
  var pending = false;  // typed (or restored) since the last save: what the connection's return sends
  var attachUrl = new URL(form.getAttribute("data-offline-attach"), window.location.href).href;

  function say(state) {
    status.setAttribute("data-state", state);
    status.textContent = status.getAttribute("data-" + state) || "";
  }

  function connection() {
    if (!submitButton) return;
    submitButton.textContent = navigator.onLine ? submitLabel : status.getAttribute("data-needs-connection");
    if (navigator.onLine) submitButton.removeAttribute("aria-disabled");
    else submitButton.setAttribute("aria-disabled", "true");
  }

  function setVersion(version) {
    form.querySelector("input[name=version]").value = version;
    form.setAttribute("data-autosave", version);
  }

  function send() {
    var data = new FormData(form);
    data.delete("file");
    say("sending");
    fetch(form.getAttribute("data-offline-draft"), { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        if ((response.headers.get("Content-Type") || "").indexOf("application/json") !== 0) return say("login");
        return response.json().then(function (body) {
          if (response.status === 200) {
            setVersion(body.version);
            form.dispatchEvent(new CustomEvent("autosave:saved"));  // autosave.js drops its copy
            pending = false;
            if (panel) panel.hidden = true;
            say("portal");
          } else if (response.status === 409) {
            compare(body);
            say("conflict");
          } else {
            say("invalid");
          }
        });
      })
      .catch(function () { say("phone"); });
  }

  function shown(name, value) {
    var field = form.elements[name];
    if (field && field.tagName === "SELECT") {
      var option = Array.prototype.find.call(field.options, function (o) { return o.value === value; });
      if (option) value = option.value ? option.textContent : "";
    }
    return value;
  }

  function column(heading, text, radio) {
    var col = document.createElement("div");
    col.className = "col-md-6";
    var h = document.createElement("h3");
    h.className = "h6";
    h.textContent = heading;
    var p = document.createElement("p");
    p.className = "offline-text border rounded p-2 mb-1";
    p.textContent = text || panel.getAttribute("data-empty");
    col.append(h, p);
    if (radio) col.append(radio);
    return col;
  }

  function choice(name, side, label, checked) {
    var wrap = document.createElement("div");
    wrap.className = "form-check";
    var input = document.createElement("input");
    input.type = "radio";
    input.className = "form-check-input";
    input.name = "keep-" + name;
    input.value = side;
    input.id = "keep-" + name + "-" + side;
    input.checked = checked;
    var text = document.createElement("label");
    text.className = "form-check-label";
    text.htmlFor = input.id;
    text.textContent = label;
    wrap.append(input, text);
    return wrap;
  }

  // Both versions, field by field where they differ; the phone's is kept unless the user picks the portal's.
  function compare(body) {
    if (!panel) return;
    var rows = panel.querySelector("[data-offline-rows]");
    var differing = body.fields.filter(function (field) {
      var element = form.elements[field.name];
      return element && (element.value || "") !== field.value;
    });
    rows.replaceChildren();
    differing.forEach(function (field) {
      var set = document.createElement("fieldset");
      set.className = "card card-body mb-2";
      set.setAttribute("data-field", field.name);
      var legend = document.createElement("legend");
      legend.className = "h6";
      legend.textContent = field.label;
      var row = document.createElement("div");
      row.className = "row g-2";
      row.append(
        column(panel.getAttribute("data-phone"), shown(field.name, form.elements[field.name].value),
          body.editable && choice(field.name, "phone", panel.getAttribute("data-keep-phone"), true)),
        column(panel.getAttribute("data-portal"), shown(field.name, field.value),
          body.editable && choice(field.name, "portal", panel.getAttribute("data-keep-portal"), false))
      );
      set.append(legend, row);
      rows.append(set);
    });
    panel.querySelector("[data-offline-message]").textContent = body.message;
    panel.querySelector("[data-offline-apply]").hidden = !body.editable;
    panel.hidden = false;
    panel.dataset.version = body.version;
    if (body.editable) form.dispatchEvent(new CustomEvent("autosave:moved", { detail: { version: body.version } }));
    panel.dataset.fields = JSON.stringify(differing);
    panel.querySelector("h2").focus();
  }

  if (panel) {
    panel.querySelector("[data-offline-apply]").addEventListener("click", function () {
      JSON.parse(panel.dataset.fields).forEach(function (field) {
        var picked = panel.querySelector("input[name='keep-" + field.name + "']:checked");
        if (picked && picked.value === "portal") form.elements[field.name].value = field.value;
      });
      setVersion(panel.dataset.version);
      form.dispatchEvent(new Event("input"));  // autosave.js keeps the chosen text under the new version
      send();
    });
  }

  form.addEventListener("input", function () {
    pending = true;
    if (!navigator.onLine) say("phone");
  });
  form.addEventListener("click", function (event) {
    if (event.target.closest("[data-autosave-restore]")) pending = true;
  });

  /* Files chosen offline wait in IndexedDB ("offline-files"), each with the URL of the form's
     "Attach" button, and go through that same URL when the connection returns. */
  function files(mode, work) {
    return new Promise(function (resolve, reject) {
      if (!window.indexedDB) return reject(new Error("no IndexedDB"));
      var opening = window.indexedDB.open("khuyenhoc-offline", 1);
      opening.onupgradeneeded = function () { opening.result.createObjectStore("files", { autoIncrement: true }); };
      opening.onerror = function () { reject(opening.error); };
      opening.onsuccess = function () {
        var transaction = opening.result.transaction("files", mode);
        var result = work(transaction.objectStore("files"));
        transaction.oncomplete = function () { resolve(result && result.result); };
        transaction.onerror = function () { reject(transaction.error); };
      };
    });
  }

  function keepFile(url) {
    var input = form.querySelector("input[type=file]");
    var file = input && input.files[0];
    if (!file) return;
    files("readwrite", function (store) { return store.add({ url: url, file: file, name: file.name }); })
      .then(function () { input.value = ""; say("file-kept"); }, function () { say("phone"); });
  }

  var sent = 0;  // files attached since the page opened

  function sendFiles() {
    var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    return files("readonly", function (store) { return store.getAll(); }).then(function (kept) {
      return files("readonly", function (store) { return store.getAllKeys(); }).then(function (keys) {
        return kept.reduce(function (previous, item, index) {
          return previous.then(function () {
            if (item.url !== attachUrl) return;
            var data = new FormData();
            data.append("csrfmiddlewaretoken", token);
            data.append("attach", "1");
            data.append("file", item.file, item.name);
            return fetch(item.url, { method: "POST", body: data, credentials: "same-origin" }).then(function (response) {
              if (response.ok && response.url.indexOf(window.location.pathname) !== -1) {
                sent += 1;
                return files("readwrite", function (store) { return store.delete(keys[index]); });
              }
            });
          });
        }, Promise.resolve());
      });
    }).catch(function () { /* no IndexedDB, or offline again: the files wait */ });
  }

  // Offline, no button posts: saving is what autosave already did, a file waits, and submitting waits.
  form.addEventListener("submit", function (event) {
    if (navigator.onLine) return;
    event.preventDefault();
    var button = event.submitter && event.submitter.name;
    if (button === "submit") return say("needs-connection");
    if (button === "attach") return keepFile(event.submitter.formAction);
    say("phone");
  });

  window.addEventListener("offline", function () { connection(); say("phone"); });
  window.addEventListener("online", function () {
    connection();
    sendFiles().then(function () { if (pending) send(); else say(sent ? "portal" : ""); });
  });
  connection();
  if (!navigator.onLine) say("phone");
})();
