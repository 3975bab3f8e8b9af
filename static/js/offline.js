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

  function forget() {
    return window.caches ? window.caches.delete(CACHE) : Promise.resolve();
  }

  if (!worker) forget();
  var registered = worker && navigator.serviceWorker
    ? navigator.serviceWorker.register(worker, { scope: "/" }).then(function () { return navigator.serviceWorker.ready; })
    : Promise.resolve();

  // Logging out empties the cache first, then logs out (form.submit() fires no second submit).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-autosave-forget]") || !window.caches) return;
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
  var unsentKey = "offline:unsent:" + window.location.pathname;

  function say(state) {
    status.setAttribute("data-state", state);
    status.textContent = status.getAttribute("data-" + state) || "";
  }

  function unsent(yes) {
    try {
      if (yes) window.localStorage.setItem(unsentKey, "1"); else window.localStorage.removeItem(unsentKey);
    } catch (error) { /* storage disabled */ }
  }

  function isUnsent() {
    try { return window.localStorage.getItem(unsentKey) === "1"; } catch (error) { return false; }
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
            unsent(false);
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
    if (!navigator.onLine) { unsent(true); say("phone"); }
  });

  // Offline, no button posts: saving is what autosave already did, and submitting waits.
  form.addEventListener("submit", function (event) {
    if (navigator.onLine) return;
    event.preventDefault();
    say(event.submitter && event.submitter.name === "submit" ? "needs-connection" : "phone");
    if (!(event.submitter && event.submitter.name === "submit")) unsent(true);
  });

  window.addEventListener("offline", function () { connection(); say("phone"); });
  window.addEventListener("online", function () {
    connection();
    if (isUnsent()) send(); else say("");
  });
  connection();
  if (!navigator.onLine) say("phone");
})();
