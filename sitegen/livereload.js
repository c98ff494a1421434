// sitegen serve: reload the page after each successful rebuild; show build errors in an overlay.
// One EventSource per browser (in a SharedWorker) so that many open tabs never use up the
// browser's six connections per host; a plain EventSource where SharedWorker is missing.
(function () {
  "use strict";
  var script = document.currentScript;
  var generation = Number(script.getAttribute("data-generation"));
  var base = script.getAttribute("data-base") || "/";
  var overlayId = "sitegen-error-overlay";

  function showErrors(lines) {
    var box = document.getElementById(overlayId);
    if (!box) {
      box = document.createElement("div");
      box.id = overlayId;
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;" +
        "background:rgba(20,20,20,.94);color:#fff;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "sitegen: the last rebuild failed; this page is the last good build.\n\n" + lines.join("\n");
  }

  function handle(message) {
    if (message.type === "error") {
      showErrors(message.errors);
    } else if (message.type === "built" && message.generation !== generation) {
      location.reload();
    } else if (message.type === "built") {
      var box = document.getElementById(overlayId);
      if (box) box.remove();
    }
  }

  if (window.SharedWorker) {
    try {
      var worker = new SharedWorker(base + "__sitegen/worker.js", {name: "sitegen-livereload"});
      worker.port.onmessage = function (event) { handle(event.data); };
      worker.port.start();
      return;
    } catch (e) { /* fall through to a connection of our own */ }
  }
  var source = new EventSource(base + "__sitegen/events");
  source.onmessage = function (event) { handle(JSON.parse(event.data)); };
})();
