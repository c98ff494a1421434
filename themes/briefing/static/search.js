// Pagefind's search UI, self-hosted; a ?q= from the header's search box runs at once.
window.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("sg-search");
  if (!box || !window.PagefindUI) return;
  var ui = new PagefindUI({element: "#sg-search", bundlePath: box.getAttribute("data-bundle"),
                           showSubResults: true, resetStyles: false});
  var q = new URLSearchParams(location.search).get("q");
  if (q) ui.triggerSearch(q);
});
