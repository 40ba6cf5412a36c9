// Tag fields in the admin hold comma-separated tags. Offer completions for the tag being typed (the text after
// the last comma) from the admin's own autocomplete endpoint, keeping the tags already written before it.
(function () {
  "use strict";
  let timer = null;
  document.addEventListener("input", function (event) {
    const input = event.target;
    if (!input.matches || !input.matches("input[data-tag-complete]")) return;
    const list = document.getElementById(input.getAttribute("list"));
    const parts = input.value.split(",");
    const term = parts.pop().trim();
    if (!list || !term) return;
    const before = parts.length ? parts.join(",").trim() + ", " : "";
    clearTimeout(timer);
    timer = setTimeout(function () {
      fetch(input.dataset.tagComplete + "&term=" + encodeURIComponent(term), {credentials: "same-origin"})
        .then(function (response) { return response.ok ? response.json() : {results: []}; })
        .then(function (data) {
          list.replaceChildren.apply(list, data.results.map(function (result) {
            const option = document.createElement("option");
            option.value = before + result.text;
            return option;
          }));
        })
        .catch(function () {});
    }, 150);
  });
})();
