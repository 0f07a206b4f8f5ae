/* Letter editor: a length counter, and drafts that are never lost.
   The text is kept in localStorage at every keystroke and saved to the server a moment
   after the author stops typing. If the server copy is older than the one on this device
   (an expired session, a lost connection), the device's copy is put back on load.
   Every save carries the version of the server copy it replaces; when another tab or
   device saved in between, the server refuses and the page shows both texts so the
   author chooses (the newer text is never overwritten without asking).
   The counter counts what a person sees (grapheme clusters, as the server does) and
   shows the server's own messages, rendered into data attributes by the page.
   Without JavaScript the page still works: "Save draft" and "Send" post the form. */
(function () {
  "use strict";
  var form = document.getElementById("letter-form");
  if (!form) { return; }
  var textarea = form.querySelector("textarea[name=body]");
  var versionField = form.querySelector("input[name=version]");
  var counter = document.getElementById("body-count");
  var status = document.getElementById("save-status");
  var conflictBox = document.getElementById("draft-conflict");
  var savedCopy = document.getElementById("conflict-saved");
  var keepButton = document.getElementById("conflict-keep");
  var takeButton = document.getElementById("conflict-take");
  var storageKey = "brevven-draft-" + form.dataset.letterId;
  var serverSaved = parseInt(form.dataset.serverSaved, 10) || 0;
  var min = parseInt(form.dataset.min, 10) || 0;
  var max = parseInt(form.dataset.max, 10) || 0;
  var timer = null;
  var lastSent = textarea.value;
  var inConflict = !conflictBox.hidden;
  var segmenter = (window.Intl && Intl.Segmenter) ? new Intl.Segmenter(document.documentElement.lang || undefined, { granularity: "grapheme" }) : null;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_m, name) { return String(values[name]); });
  }

  // The number of characters a person sees, as letters.text.letter_length counts them.
  function letterLength(text) {
    text = text.trim();
    if (segmenter) {
      var count = 0, iterator = segmenter.segment(text)[Symbol.iterator]();
      while (!iterator.next().done) { count += 1; }
      return count;
    }
    // Without Intl.Segmenter: code points, not counting joiners, the characters they join,
    // combining marks, variation selectors and skin tones (close to graphemes for most text).
    return Array.from(text.replace(/\r\n/g, "\n").replace(/\u200d[\s\S]|[\u0300-\u036f\ufe0e\ufe0f]|\ud83c[\udffb-\udfff]/g, "")).length;
  }

  function message(kind, count) {
    return fill(counter.dataset[kind + (count === 1 ? "One" : "Other")], { count: count });
  }

  function updateCounter() {
    var count = letterLength(textarea.value);
    var text, problem = false;
    if (count > 0 && count < min) {
      text = message("short", min - count); problem = true;
    } else if (max && count > max) {
      text = message("long", count - max); problem = true;
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
    record.base = versionField.value;
    try { window.localStorage.setItem(storageKey, JSON.stringify(record)); } catch (e) { /* storage full or off */ }
  }

  function setVersion(version) {
    versionField.value = version;
    form.dataset.version = version;
  }

  // Show the newer saved text beside the author's own and wait for their choice.
  function showConflict(current) {
    inConflict = true;
    savedCopy.value = current.body;
    keepButton.value = current.version;
    conflictBox.hidden = false;
    status.textContent = status.dataset.conflict;
  }

  function resolveConflict(body, version) {
    inConflict = false;
    conflictBox.hidden = true;
    setVersion(version);
    if (body !== null) { textarea.value = body; lastSent = body; }
    updateCounter();
  }

  function saveToServer() {
    timer = null;
    var body = textarea.value;
    if (body === lastSent || inConflict) { return; }
    status.textContent = status.dataset.saving;
    var data = new FormData();
    data.append("body", body);
    data.append("version", versionField.value);
    data.append("csrfmiddlewaretoken", form.querySelector("input[name=csrfmiddlewaretoken]").value);
    fetch(form.dataset.draftUrl, {
      method: "POST", body: data, credentials: "same-origin", redirect: "manual",
      // The page's language: a signed-out answer (cookies cleared) then matches the page around it.
      headers: { "X-Requested-With": "fetch", "Accept": "application/json",
                 "Accept-Language": document.documentElement.lang || "en" }
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") === -1) { throw new Error("not saved"); }
      return response.json().then(function (answer) { return { ok: response.ok, answer: answer }; });
    }).then(function (result) {
      var answer = result.answer;
      if (answer.conflict) { showConflict(answer.current); return; }
      if (!result.ok) {
        // Refused for a reason the author can act on (too long, session ended): say it.
        status.textContent = fill(status.dataset.refused, { reason: (answer.errors || []).join(" ") });
        return;
      }
      lastSent = body;
      setVersion(answer.version);
      writeLocal({ body: body, savedAt: answer.saved_at, unsaved: textarea.value !== body });
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

  keepButton.addEventListener("click", function (event) {
    event.preventDefault();
    resolveConflict(null, keepButton.value);
    lastSent = null;
    saveToServer();
  });
  takeButton.addEventListener("click", function (event) {
    event.preventDefault();
    resolveConflict(savedCopy.value, keepButton.value);
    writeLocal({ body: textarea.value, savedAt: Date.now(), unsaved: false });
    status.textContent = "";
  });

  var local = readLocal();
  if (!inConflict && local && local.unsaved && local.body !== textarea.value) {
    if (local.base === versionField.value || (local.base === undefined && local.savedAt > serverSaved)) {
      // Written here on top of the copy the server still has: carry on with it.
      textarea.value = local.body;
      status.textContent = status.dataset.restored;
      timer = window.setTimeout(saveToServer, 500);
    } else if (local.base !== undefined) {
      // Written on top of an older copy: the server's is newer. Let the author choose.
      var current = { body: textarea.value, version: versionField.value };
      textarea.value = local.body;
      showConflict(current);
    }
  }
  textarea.addEventListener("input", onInput);
  form.addEventListener("submit", function () {
    // The page posts the text itself; keep the device copy until the server has it.
    if (timer) { window.clearTimeout(timer); timer = null; }
  });
  updateCounter();
}());
