// Previews: hovering or focusing an excerpt's "in context" link or a "Cited in" link shows the
// paragraph or excerpt it leads to. Progressive enhancement: without JavaScript the links just work.
(function () {
  "use strict";
  var pages = {};
  var tip = null;
  var current = null;

  function load(url) {
    var path = url.split("#")[0];
    if (!pages[path]) {
      pages[path] = fetch(path, {credentials: "same-origin"})
        .then(function (r) { return r.ok ? r.text() : ""; })
        .then(function (html) { return new DOMParser().parseFromString(html, "text/html"); });
    }
    return pages[path];
  }

  function hide() {
    if (tip) { tip.remove(); tip = null; }
    if (current) { current.removeAttribute("aria-describedby"); current = null; }
  }

  function show(link) {
    var url = new URL(link.href, location.href);
    if (url.origin !== location.origin || !url.hash) return;
    current = link;
    load(url.href).then(function (doc) {
      if (current !== link) return;
      var target = doc.getElementById(decodeURIComponent(url.hash.slice(1)));
      if (!target) return;
      var quote = target.querySelector("blockquote") || target;
      var text = quote.textContent.replace(/¶\s*$/, "").trim();
      if (!text) return;
      hide();
      current = link;
      tip = document.createElement("div");
      tip.className = "preview";
      tip.id = "sg-preview";
      tip.setAttribute("role", "tooltip");
      tip.textContent = text.length > 600 ? text.slice(0, 597) + "…" : text;
      document.body.appendChild(tip);
      link.setAttribute("aria-describedby", "sg-preview");
      var box = link.getBoundingClientRect();
      var width = Math.min(420, document.documentElement.clientWidth - 16);
      tip.style.width = width + "px";
      var left = Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
      tip.style.left = left + "px";
      tip.style.top = (box.bottom + window.scrollY + 6) + "px";
    });
  }

  var selector = "a.in-context, .cited-in a";
  document.addEventListener("mouseover", function (e) {
    var link = e.target.closest && e.target.closest(selector);
    if (link && link !== current) show(link);
  });
  document.addEventListener("mouseout", function (e) {
    var link = e.target.closest && e.target.closest(selector);
    if (link && !link.contains(e.relatedTarget)) hide();
  });
  document.addEventListener("focusin", function (e) {
    var link = e.target.closest && e.target.closest(selector);
    if (link) show(link); else hide();
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
})();
