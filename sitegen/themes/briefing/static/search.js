// Pagefind's search UI, self-hosted; a ?q= from the header's search box runs at once.
// The index holds one record per page (sitegen/search.py): no images, no sections to list.
// A large site's index is several bundles (sitegen/bundles.py), merged here: data-merge.
window.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("sg-search");
  if (!box || !window.PagefindUI) return;
  var merged = (box.getAttribute("data-merge") || "").split(" ").filter(Boolean)
    .map(function (path) { return {bundlePath: path}; });
  var ui = new PagefindUI({element: "#sg-search", bundlePath: box.getAttribute("data-bundle"),
                           mergeIndex: merged, showImages: false, showSubResults: false, resetStyles: false});
  // Pagefind's input has only a title: give it a proper accessible name
  var name = function () {
    var input = box.querySelector("input");
    if (input) input.setAttribute("aria-label", "Search the briefing");
    return Boolean(input);
  };
  if (!name()) new MutationObserver(function (_, observer) { if (name()) observer.disconnect(); })
    .observe(box, {childList: true, subtree: true});
  var q = new URLSearchParams(location.search).get("q");
  if (q) ui.triggerSearch(q);
});
