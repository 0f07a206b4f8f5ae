/* Marks the letters of this page read once the page has been shown to the person.
   The page's "Mark as read" form lists them; this posts it in the background, once, when
   the page is visible (not while it is prerendered or opened in a background tab), and
   hides the button. Opening the page alone changes nothing on the server, so a mail link
   scanner that fetches the address does not make a letter "read". Without JavaScript the
   button posts the same form. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-mark-read]");
  if (!form || !window.fetch || !window.FormData) { return; }
  var sent = false;

  function send() {
    if (sent || document.visibilityState !== "visible") { return; }
    sent = true;
    form.hidden = true;
    fetch(form.action, {
      method: "POST", body: new FormData(form), credentials: "same-origin", keepalive: true,
      headers: { "X-Requested-With": "fetch", "Accept": "application/json" }
    }).then(function (response) {
      if (!response.ok) { throw new Error("not marked"); }
      document.removeEventListener("visibilitychange", send);
    }).catch(function () {
      form.hidden = false;  // the button still works
    });
  }

  document.addEventListener("visibilitychange", send);
  send();
}());
