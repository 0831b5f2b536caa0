/* Contribution form: a live character counter and the terms dialog. The server remains the judge. */
(function () {
  "use strict";
  var body = document.querySelector("textarea[data-count-min]");
  var counter = document.getElementById("body-counter");
  if (body && counter) {
    var min = parseInt(body.getAttribute("data-count-min"), 10);
    var max = parseInt(body.getAttribute("data-count-max"), 10);
    var update = function () {
      var count = body.value.replace(/\s+/g, "").length;
      counter.textContent = counter.getAttribute("data-template").replace("{count}", count);
      counter.classList.toggle("counter--bad", count < min || count > max);
    };
    body.addEventListener("input", update);
    update();
  }
  var link = document.querySelector("a[data-dialog]");
  var dialog = link && document.getElementById(link.getAttribute("data-dialog"));
  if (link && dialog && typeof dialog.showModal === "function") {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      dialog.showModal();
    });
    dialog.addEventListener("close", function () { link.focus(); });
  }
})();
