/* Self-evaluation page: save each item on change (htmx), and never lose what was typed.
 * A save that does not come back with the X-Answer-Saved header (network down, session expired and
 * redirected to the login page, 403, 5xx) leaves the field as typed, shows a warning, and keeps the
 * value in localStorage so it can be restored after logging in again. */
(function () {
  "use strict";
  var items = document.getElementById("items");
  if (!items) { return; }
  var prefix = "hlr-unsaved:" + items.dataset.application + ":";
  var failedBanner = document.getElementById("save-failed");
  var restoreBanner = document.getElementById("unsaved-restore");

  // Items save on change; pressing Enter in a field must not submit the form as a page load.
  items.addEventListener("submit", function (event) {
    if (event.target.classList.contains("item-form")) { event.preventDefault(); }
  });

  function formValues(form) {
    var data = new FormData(form);
    return { value: data.get("value") || "", narrative: data.get("narrative") || "" };
  }
  function keep(form) {
    localStorage.setItem(prefix + form.dataset.criterion, JSON.stringify(formValues(form)));
  }
  function status(form, text, cls) {
    var el = form.querySelector(".item-status");
    el.textContent = text;
    el.className = "small mt-1 item-status " + cls;
  }
  // A refused value stays in the field, marked invalid and described by the reason (screen readers too).
  function markInvalid(form, invalid) {
    form.querySelectorAll("[name=value]").forEach(function (field) {
      if (invalid) { field.setAttribute("aria-invalid", "true"); } else { field.removeAttribute("aria-invalid"); }
    });
  }
  function failed(form) {
    keep(form);
    status(form, items.dataset.unsaved, "text-danger fw-bold");
    failedBanner.classList.remove("d-none");
  }

  document.body.addEventListener("htmx:beforeRequest", function (evt) {
    var form = evt.detail.elt;
    if (form.classList && form.classList.contains("item-form")) {
      keep(form);
      status(form, items.dataset.saving, "text-body-secondary");
    }
  });
  document.body.addEventListener("htmx:beforeSwap", function (evt) {
    var form = evt.detail.requestConfig && evt.detail.requestConfig.elt;
    // "Use the survey's score" refused with a reason (422): show the reason in the item's status line.
    if (form && form.classList.contains("survey-fill") && evt.detail.xhr.status === 422) {
      evt.detail.shouldSwap = true;
      evt.detail.isError = false;
      return;
    }
    if (!form || !form.classList.contains("item-form")) { return; }
    var xhr = evt.detail.xhr;
    if (xhr.status === 422) {           // refused with a reason: show it, keep the value locally
      evt.detail.shouldSwap = true;
      evt.detail.isError = false;
      keep(form);
      markInvalid(form, true);
      return;
    }
    if (xhr.status === 200 && xhr.getResponseHeader("X-Answer-Saved") === "1") {
      localStorage.removeItem(prefix + form.dataset.criterion);
      markInvalid(form, false);
      failedBanner.classList.add("d-none");
      return;
    }
    evt.detail.shouldSwap = false;       // e.g. the login page after an expired session
    failed(form);
  });
  document.body.addEventListener("htmx:sendError", function (evt) {
    var form = evt.detail.elt;
    if (form.classList && form.classList.contains("item-form")) { failed(form); }
  });

  function pending() {
    var found = [];
    for (var i = 0; i < localStorage.length; i++) {
      var key = localStorage.key(i);
      if (key.indexOf(prefix) === 0) { found.push(key); }
    }
    return found;
  }
  function restore() {
    pending().forEach(function (key) {
      var form = document.getElementById("item-" + key.slice(prefix.length));
      if (!form) { localStorage.removeItem(key); return; }
      var saved = JSON.parse(localStorage.getItem(key));
      var radios = form.querySelectorAll("input[type=radio][name=value]");
      if (radios.length) {
        radios.forEach(function (r) { r.checked = r.value === saved.value; });
      } else {
        form.querySelector("[name=value]").value = saved.value;
      }
      form.querySelector("[name=narrative]").value = saved.narrative;
      htmx.trigger(form, "change");
    });
    restoreBanner.classList.add("d-none");
  }
  if (pending().length) {
    restoreBanner.classList.remove("d-none");
  }
  document.getElementById("restore-unsaved").addEventListener("click", restore);
  document.getElementById("discard-unsaved").addEventListener("click", function () {
    pending().forEach(function (key) { localStorage.removeItem(key); });
    restoreBanner.classList.add("d-none");
  });
})();
