// The review page, improved when JavaScript runs; every action also works without it.
// 1. Selecting text in the letter adds its "start-end" span to the "More parts to remove" field.
// 2. The one decision area names the chosen decision on its button.
// 3. Keyboard shortcuts A, P, C and W choose approve, remove parts, ask for changes and
//    withhold, and move the cursor to that decision's first field. They never submit anything.
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

  // 2. The decision area: choosing a decision (click, arrow keys, or its letter key) shows its
  //    fields (the stylesheet does that even without JavaScript) and names it on the button.
  var form = document.getElementById("decision-form");
  var button = document.getElementById("decide-button");
  var labelsHolder = document.getElementById("decision-buttons");
  var labels = labelsHolder ? JSON.parse(labelsHolder.textContent) : {};

  function chosenRadio() {
    return form ? form.querySelector("input[name=action]:checked") : null;
  }

  function showChosen() {
    var radio = chosenRadio();
    if (radio && button && labels[radio.value]) {
      button.textContent = labels[radio.value];
    }
  }

  function firstField(value) {
    var group = document.getElementById("fields-" + value);
    // A field to type in first (not the ticked parts' checkboxes), else whatever the group has.
    return group ? (group.querySelector("input[type=text], textarea") || group.querySelector("input")) : null;
  }

  if (form) {
    form.addEventListener("change", function (event) {
      if (event.target && event.target.name === "action") {
        showChosen();
      }
    });
    showChosen();
  }

  // 3. Keyboard shortcuts A, P, C and W choose a decision and move the cursor to its first
  //    field. They never submit anything on their own.
  document.addEventListener("keydown", function (event) {
    if (!form || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    var target = event.target;
    var tag = target && target.tagName ? target.tagName.toLowerCase() : "";
    if (tag === "textarea" || tag === "select" || (tag === "input" && target.type !== "radio" && target.type !== "checkbox") ||
        (target && target.isContentEditable)) {
      return;
    }
    var key = event.key ? event.key.toLowerCase() : "";
    var radio = form.querySelector("input[name=action][data-key='" + key + "']");
    if (!radio) {
      return;
    }
    event.preventDefault();
    radio.checked = true;
    showChosen();
    var field = firstField(radio.value);
    var element = field || button;
    element.focus();
    element.scrollIntoView({ block: "center" });
  });
}());
