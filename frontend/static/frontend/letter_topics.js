// The topic buttons on a letter's review page: with JavaScript, a press tags or untags the
// letter without reloading the page, so nothing typed in the decision forms is lost and the
// review log does not record another opening. Without JavaScript the form posts and the
// page comes back.
(function () {
  "use strict";
  var status = document.getElementById("letter-topics-status");
  document.querySelectorAll("#letter-topics form.topic-toggle-form").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button");
      var wanted = form.querySelector("input[name=tagged]");
      button.disabled = true;
      fetch(form.action, {
        method: "POST", body: new FormData(form), credentials: "same-origin",
        headers: {"Accept": "application/json"}
      }).then(function (response) {
        return response.json().then(function (body) { return {ok: response.ok, body: body}; });
      }).then(function (answer) {
        if (!answer.ok) {
          status.textContent = (answer.body.errors || []).join(" ");
          return;
        }
        var tagged = answer.body.tagged;
        button.setAttribute("aria-pressed", tagged ? "true" : "false");
        button.classList.toggle("secondary", !tagged);
        wanted.value = tagged ? "0" : "1";
        status.textContent = tagged ? form.dataset.onText : form.dataset.offText;
      }).catch(function () {
        form.submit();  // the network failed: fall back to the plain form
      }).finally(function () {
        button.disabled = false;
      });
    });
  });
})();
