// Periodic reports: the unit report's autosave and the consolidation job's live progress.
// Without this script the forms still work: Save posts the whole report, and the period's page
// shows the job's progress as it stood (reload to see more).
(function () {
  "use strict";

  var lang = document.documentElement.lang || "vi";

  function csrf(form) {
    var el = (form || document).querySelector("input[name=_csrf]");
    return el ? el.value : "";
  }

  // ---- autosave: ~2 s after typing stops, and when a field loses focus ----
  var form = document.querySelector("form[data-autosave]");
  if (form) {
    var status = form.querySelector("[data-autosave-status]");
    var timer = null, dirty = false, busy = false, again = false;
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    var show = function (text) { if (status) status.textContent = text; };
    var clearErrors = function () {
      form.querySelectorAll("[data-error-for]").forEach(function (p) { p.hidden = true; p.textContent = ""; });
      form.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    };
    var body = function () {
      var out = { texts: {}, values: {} };
      form.querySelectorAll("[name^='texts.'], [name^='values.']").forEach(function (el) {
        var name = el.getAttribute("name"), dot = name.indexOf(".");
        out[name.slice(0, dot)][name.slice(dot + 1)] = el.value;
      });
      return out;
    };
    var save = function () {
      if (timer) { clearTimeout(timer); timer = null; }
      if (!dirty) return;
      if (busy) { again = true; return; }
      dirty = false; busy = true;
      show(form.dataset.msgSaving);
      fetch(form.dataset.autosave, {
        method: "PUT", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "Accept": "application/json", "Accept-Language": lang, "X-CSRF-Token": csrf(form) },
        body: JSON.stringify(body())
      }).then(function (resp) {
        return resp.json().catch(function () { return {}; }).then(function (data) {
          clearErrors();
          if (resp.ok) {
            var d = new Date();
            show(form.dataset.msgSaved + " " + pad(d.getHours()) + ":" + pad(d.getMinutes()));
            return;
          }
          var errs = data.errors || {};
          Object.keys(errs).forEach(function (field) {
            var p = form.querySelector("[data-error-for='" + field.replace(/'/g, "") + "']");
            if (!p) return;
            p.textContent = errs[field]; p.hidden = false;
            var input = form.querySelector("[name='" + field.replace(/'/g, "") + "']");
            if (input) input.setAttribute("aria-invalid", "true");
          });
          show(form.dataset.msgError + (data.title ? ": " + (data.detail || data.title) : ""));
          if (resp.status >= 500) dirty = true; // try again with the next change
        });
      }).catch(function () {
        dirty = true;
        show(form.dataset.msgError);
      }).then(function () {
        busy = false;
        if (again) { again = false; save(); }
      });
    };
    form.addEventListener("input", function (ev) {
      if (!ev.target.name) return;
      dirty = true;
      if (timer) clearTimeout(timer);
      timer = setTimeout(save, 2000);
    });
    form.addEventListener("focusout", function (ev) { if (ev.target.name) save(); });
  }

  // ---- the consolidation job's progress, polled every second ----
  var box = document.querySelector("[data-job-url]");
  if (box) {
    var bar = box.querySelector("[data-job-progress]");
    var pct = box.querySelector("[data-job-pct]");
    var label = box.querySelector("[data-job-status]");
    var err = box.querySelector("[data-job-error]");
    var cancel = box.querySelector("[data-job-cancel]");
    var retry = box.querySelector("[data-job-retry]");
    var finished = { succeeded: true, failed: true, cancelled: true };
    var started = box.dataset.status;
    var apply = function (j) {
      bar.value = j.progress; bar.textContent = j.progress + "%";
      if (pct) pct.textContent = j.progress + "%";
      label.textContent = box.dataset["label" + j.status.charAt(0).toUpperCase() + j.status.slice(1)] || j.status;
      err.hidden = !j.last_error; err.textContent = j.last_error || "";
      cancel.hidden = !j.can_cancel;
      retry.hidden = !j.can_retry;
    };
    // The job is done: load the page again for its outputs, without the notice that it started.
    var showOutputs = function () {
      var u = new URL(window.location.href);
      u.searchParams.delete("done");
      u.hash = ""; // a change of the fragment alone would not load the page
      window.location.replace(u.toString());
    };
    var poll = function () {
      fetch(box.dataset.jobUrl, { credentials: "same-origin", headers: { "Accept": "application/json", "Accept-Language": lang } })
        .then(function (resp) { return resp.ok ? resp.json() : null; })
        .then(function (j) {
          if (!j) return;
          apply(j);
          if (j.status === "succeeded" && started !== "succeeded") { showOutputs(); return; }
          if (!finished[j.status]) setTimeout(poll, 1000);
        })
        .catch(function () { setTimeout(poll, 3000); });
    };
    // Cancel and retry go through the period's own actions; the page keeps polling.
    [cancel, retry].forEach(function (f) {
      f.addEventListener("submit", function (ev) {
        ev.preventDefault();
        fetch(f.action.replace("/t/", "/api/v1/t/"), {
          method: "POST", credentials: "same-origin",
          headers: { "Accept": "application/json", "Accept-Language": lang, "X-CSRF-Token": csrf(f) }
        }).then(function (resp) { return resp.ok ? resp.json() : null; })
          .then(function (j) { if (j) { apply(j); started = j.status; if (!finished[j.status]) setTimeout(poll, 1000); } });
      });
    });
    if (!finished[started]) setTimeout(poll, 1000);
  }
})();
