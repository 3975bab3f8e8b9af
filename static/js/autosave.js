/* Nothing typed is lost: a <form data-autosave="version"> keeps a copy of unsaved
 * input in this browser, offers it back after a reload, a crash or an expired
 * session, and asks before the page is left with unsaved changes.
 *
 * The copy is keyed by the form's own URL (its action) and the version the server
 * gives in data-autosave, never by user, and never read on another page. It is
 * cleared once a save succeeds: the submit is noted in sessionStorage, and the next
 * page either no longer shows this form and version (the server saved and moved on)
 * or shows it again (errors, or a login in between), in which case the copy stays.
 * The restore banner (includes/_autosave_banner.html) carries the translated words.
 */
(function () {
  "use strict";

  var PREFIX = "autosave:";
  var PENDING = "autosave:pending";
  var SKIPPED = ["hidden", "file", "password", "submit", "button", "reset", "image"];
  var forms = [];
  var submitting = false;

  function storage(kind) {
    try { return window[kind]; } catch (error) { return null; }  // disabled storage: do nothing
  }
  var local = storage("localStorage");
  var session = storage("sessionStorage");

  function keyOf(form) {
    var url = new URL(form.getAttribute("action") || window.location.href, window.location.href);
    return PREFIX + url.pathname + "#" + (form.getAttribute("data-autosave") || "");
  }

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && !el.disabled && SKIPPED.indexOf(el.type) === -1 && el.name !== "csrfmiddlewaretoken";
    });
  }

  function read(form) {
    var data = {};
    fields(form).forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") data[el.name + "=" + el.value] = el.checked;
      else if (el.type === "select-multiple") data[el.name] = Array.prototype.map.call(el.selectedOptions, function (o) { return o.value; });
      else data[el.name] = el.value;
    });
    return data;
  }

  function write(form, data) {
    fields(form).forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.name + "=" + el.value in data) el.checked = data[el.name + "=" + el.value];
      } else if (el.type === "select-multiple") {
        if (el.name in data) Array.prototype.forEach.call(el.options, function (o) { o.selected = data[el.name].indexOf(o.value) !== -1; });
      } else if (el.name in data) {
        el.value = data[el.name];
      }
    });
  }

  function shows(form, data) {
    var now = read(form);
    return Object.keys(data).every(function (name) { return JSON.stringify(now[name]) === JSON.stringify(data[name]); });
  }

  function load(key) {
    try { return JSON.parse(local.getItem(key)); } catch (error) { return null; }
  }

  function keep(state) {
    try { local.setItem(state.key, JSON.stringify({ at: Date.now(), fields: read(state.form) })); } catch (error) { /* full: skip */ }
  }

  function setUp(form) {
    if (form.autosave) return;
    var state = { form: form, key: keyOf(form), dirty: false };
    form.autosave = state;
    forms.push(state);
    var failed = form.querySelector("[data-error-summary]");
    var copy = load(state.key);
    if (failed) {
      // The server showed the input back with errors: it is typed, not saved.
      state.dirty = true;
      keep(state);
    } else if (copy && copy.fields && !shows(form, copy.fields)) {
      offer(state, copy.fields);
    } else if (copy) {
      local.removeItem(state.key);  // the page already shows what was kept
    }
    // offline.js sent the copy as a draft: it is saved, and the form has the new version.
    form.addEventListener("autosave:saved", function () {
      var stem = state.key.replace(/#[^#]*$/, "#");
      Object.keys(local).forEach(function (key) { if (key.indexOf(stem) === 0) local.removeItem(key); });
      state.key = keyOf(form);
      state.dirty = false;
    });
    // offline.js found the portal's version moved on: the copy is offered on that version's page too.
    form.addEventListener("autosave:moved", function (event) {
      var copy = load(state.key);
      if (copy) local.setItem(state.key.replace(/#[^#]*$/, "#" + event.detail.version), JSON.stringify(copy));
    });
    form.addEventListener("input", function () { state.dirty = true; keep(state); });
    form.addEventListener("change", function () { state.dirty = true; keep(state); });
    form.addEventListener("submit", function (event) {
      submitting = true;
      if (session) session.setItem(PENDING, state.key);
      window.setTimeout(function () { if (event.defaultPrevented && !form.hasAttribute("hx-post")) submitting = false; }, 0);
    });
  }

  function offer(state, data) {
    var banner = state.form.querySelector("[data-autosave-banner]");
    if (!banner) return;
    banner.hidden = false;
    banner.querySelector("[data-autosave-restore]").addEventListener("click", function () {
      write(state.form, data);
      state.dirty = true;
      banner.hidden = true;
      var first = fields(state.form)[0];
      if (first) first.focus();
    });
    banner.querySelector("[data-autosave-discard]").addEventListener("click", function () {
      local.removeItem(state.key);
      banner.hidden = true;
    });
  }

  function setUpWithin(root) {
    if (!local || !root.querySelectorAll) return;
    if (root.matches && root.matches("form[data-autosave]")) setUp(root);
    Array.prototype.forEach.call(root.querySelectorAll("form[data-autosave]"), setUp);
  }

  function onPage(key) {
    return Array.prototype.some.call(document.querySelectorAll("form[data-autosave]"), function (form) { return keyOf(form) === key; });
  }

  // A submit led here: unless this is the login page in between, or the same form
  // again, the server saved it and the copy has done its job.
  function settlePending() {
    if (!session || !local) return;
    var key = session.getItem(PENDING);
    if (!key || new URLSearchParams(window.location.search).has("next")) return;
    session.removeItem(PENDING);
    if (!onPage(key)) local.removeItem(key);
  }

  document.addEventListener("DOMContentLoaded", function () {
    settlePending();
    setUpWithin(document);
  });

  // Forms that htmx swaps in (the commitments editor) work the same way, without a page load.
  document.addEventListener("htmx:load", function (event) { setUpWithin(event.target); });
  document.addEventListener("htmx:afterSettle", function () {
    submitting = false;
    forms = forms.filter(function (state) { return document.contains(state.form); });
    settlePending();
  });

  ["htmx:sendError", "htmx:responseError"].forEach(function (name) {
    document.addEventListener(name, function () { submitting = false; });
  });

  // Logging out on purpose forgets every kept copy: the next person at this computer
  // must not be offered someone else's typing. (An expired session keeps them.)
  document.addEventListener("submit", function (event) {
    if (!local || !event.target.matches("form[data-autosave-forget]")) return;
    Object.keys(local).forEach(function (key) { if (key.indexOf(PREFIX) === 0) local.removeItem(key); });
  });

  window.addEventListener("beforeunload", function (event) {
    if (submitting) return;
    var unsaved = forms.some(function (state) { return state.dirty && document.contains(state.form); });
    if (!unsaved) return;
    event.preventDefault();
    event.returnValue = "";  // older Chromium needs a value to ask
  });
})();
