/* Letter editor: a length counter, and drafts that are never lost.
   The text is kept in localStorage at every keystroke and saved to the server a moment
   after the author stops typing. If the server copy is older than the one on this device
   (an expired session, a lost connection), the device's copy is put back on load.
   Without JavaScript the page still works: "Save draft" and "Send" post the form. */
(function () {
  "use strict";
  var form = document.getElementById("letter-form");
  if (!form) { return; }
  var textarea = form.querySelector("textarea[name=body]");
  var counter = document.getElementById("body-count");
  var status = document.getElementById("save-status");
  var storageKey = "brevven-draft-" + form.dataset.letterId;
  var serverSaved = parseInt(form.dataset.serverSaved, 10) || 0;
  var min = parseInt(form.dataset.min, 10) || 0;
  var max = parseInt(form.dataset.max, 10) || 0;
  var timer = null;
  var lastSent = textarea.value;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_m, name) { return String(values[name]); });
  }

  function updateCounter() {
    var count = textarea.value.trim().length;
    var text, problem = false;
    if (count < min) {
      text = fill(counter.dataset.templateShort, { count: count, missing: min - count }); problem = count > 0;
    } else if (max && count > max) {
      text = fill(counter.dataset.templateLong, { count: count, extra: count - max }); problem = true;
    } else {
      text = fill(counter.dataset.templateCount, { count: count });
    }
    counter.textContent = text;
    counter.classList.toggle("problem", problem);
  }

  function readLocal() {
    try { return JSON.parse(window.localStorage.getItem(storageKey) || "null"); } catch (e) { return null; }
  }

  function writeLocal(record) {
    try { window.localStorage.setItem(storageKey, JSON.stringify(record)); } catch (e) { /* storage full or off */ }
  }

  function saveToServer() {
    timer = null;
    var body = textarea.value;
    if (body === lastSent) { return; }
    status.textContent = status.dataset.saving;
    var data = new FormData();
    data.append("body", body);
    data.append("csrfmiddlewaretoken", form.querySelector("input[name=csrfmiddlewaretoken]").value);
    fetch(form.dataset.draftUrl, {
      method: "POST", body: data, credentials: "same-origin", redirect: "manual",
      headers: { "X-Requested-With": "fetch", "Accept": "application/json" }
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (!response.ok || type.indexOf("application/json") === -1) { throw new Error("not saved"); }
      return response.json();
    }).then(function (answer) {
      lastSent = body;
      writeLocal({ body: body, savedAt: answer.saved_at, unsaved: false });
      status.textContent = answer.message;
    }).catch(function () {
      status.textContent = status.dataset.offline;
    });
  }

  function onInput() {
    updateCounter();
    writeLocal({ body: textarea.value, savedAt: Date.now(), unsaved: true });
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(saveToServer, 1500);
  }

  var local = readLocal();
  if (local && local.unsaved && local.body !== textarea.value && local.savedAt > serverSaved) {
    textarea.value = local.body;
    status.textContent = status.dataset.restored;
    timer = window.setTimeout(saveToServer, 500);
  }
  textarea.addEventListener("input", onInput);
  form.addEventListener("submit", function () {
    // The page posts the text itself; keep the device copy until the server has it.
    if (timer) { window.clearTimeout(timer); timer = null; }
  });
  updateCounter();
}());
