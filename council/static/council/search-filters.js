/* The search page's filters fold away on a small screen, so the results start within the
   first screen; the summary still says how many are chosen. Without script, on a wide
   screen, or when a filter needs correcting, they stay open. */
(function () {
  "use strict";
  var filters = document.getElementById("search-filters");
  if (!filters || filters.querySelector(".errorlist")) {
    return;
  }
  if (window.matchMedia("(max-width: 600px)").matches) {
    filters.open = false;
  }
})();
