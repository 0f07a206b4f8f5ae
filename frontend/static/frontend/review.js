// The review page, improved when JavaScript runs; every action also works without it.
// 1. Selecting text in the letter adds its "start-end" span to the "More parts to remove" field.
// 2. Keyboard shortcuts A, R and W move focus to the approve button, the note for asking
//    for changes and the reason for withholding. They never submit anything on their own.
(function () {
  "use strict";

  var letterText = document.getElementById("letter-text");
  var spansField = document.getElementById("id_extra_spans");
  var status = document.getElementById("selection-status");

  // Return the offset in the letter's plain text of a point in the page, or null when the
  // point is not inside the letter's own text (for example on a "[Phone number]" label).
  function textOffset(node, offset) {
    if (!node || node.nodeType !== Node.TEXT_NODE) {
      return null;
    }
    var holder = node.parentElement;
    if (!holder || !holder.hasAttribute("data-offset") || !letterText.contains(holder)) {
      return null;
    }
    // The server counts positions in code points (Python), the DOM in UTF-16 units: an
    // emoji before the selection would otherwise shift the span by one per emoji.
    return parseInt(holder.getAttribute("data-offset"), 10) + Array.from(node.data.slice(0, offset)).length;
  }

  function addSelectedSpan() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) {
      return;
    }
    var range = selection.getRangeAt(0);
    var start = textOffset(range.startContainer, range.startOffset);
    var end = textOffset(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) {
      status.textContent = status.getAttribute("data-outside") || "";
      return;
    }
    var span = start + "-" + end;
    var current = spansField.value.split(/[\s,]+/).filter(Boolean);
    if (current.indexOf(span) === -1) {
      current.push(span);
      spansField.value = current.join(", ");
    }
    status.textContent = (status.getAttribute("data-added") || "") + " “" + selection.toString() + "” (" + span + ")";
  }

  if (letterText && spansField && status) {
    status.setAttribute("data-added", spansField.getAttribute("data-added-text") || "Added to the parts to remove:");
    status.setAttribute("data-outside", spansField.getAttribute("data-outside-text") || "");
    letterText.addEventListener("mouseup", addSelectedSpan);
    letterText.addEventListener("keyup", function (event) {
      if (event.shiftKey) {
        addSelectedSpan();
      }
    });
  }

  var shortcuts = { a: "approve-button", r: "id_changes_note", w: "id_withhold_reason" };

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    var target = event.target;
    var tag = target && target.tagName ? target.tagName.toLowerCase() : "";
    if (tag === "input" || tag === "textarea" || tag === "select" || (target && target.isContentEditable)) {
      return;
    }
    var id = shortcuts[event.key ? event.key.toLowerCase() : ""];
    var element = id && document.getElementById(id);
    if (element) {
      event.preventDefault();
      element.focus();
      element.scrollIntoView({ block: "center" });
    }
  });
}());
