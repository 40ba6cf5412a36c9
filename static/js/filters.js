/* Browse and search: the "Filters (n)" panel starts closed so results come first on a phone; on a wide screen,
   where the facets sit beside the results, it opens. Without this script the panel is a closed <details> that
   any visitor can open. */
(function () {
  "use strict";
  var panel = document.querySelector("details.filter-panel");
  if (panel && window.matchMedia("(min-width: 50rem)").matches) panel.open = true;
})();
