/* Finding words in a transcript as they are typed: lines without them are hidden, and the count is announced.
   Without this script the same form asks the server (?find=…), which sends only the matching lines. */
(function () {
  "use strict";

  function normal(text) {
    return (text || "").normalize("NFC").toLocaleLowerCase();
  }

  function attach(form) {
    var section = form.closest(".oh-transcript"), input = form.querySelector("input[name=find]");
    var count = section && section.querySelector("[data-find-count]");
    if (!section || !input || !count) return;
    var lines = Array.prototype.slice.call(section.querySelectorAll(".oh-line"));
    function filter() {
      var wanted = normal(input.value.trim().replace(/\s+/g, " ")), shown = 0;
      lines.forEach(function (line) {
        var hit = !wanted || normal(line.textContent).indexOf(wanted) >= 0;
        line.hidden = !hit;
        if (hit) shown++;
      });
      count.hidden = !wanted;
      count.textContent = wanted ? form.dataset.found + " " + shown : "";
    }
    input.addEventListener("input", filter);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      filter();
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-find]"), attach);
})();
