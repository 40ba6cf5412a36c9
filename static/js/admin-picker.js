// The admin's picker for items and files (archive/admin_picker.py): search as you type, each result with its
// thumbnail. Built on the select2 the admin already ships; nothing inline, nothing from elsewhere.
"use strict";
(function ($) {
  function shown(result) {
    if (!result.id) return result.text;
    const thumb = result.thumb !== undefined ? result.thumb : (result.element && result.element.dataset.thumb) || "";
    const row = document.createElement("span");
    row.className = "picker-result";
    const picture = document.createElement(thumb ? "img" : "span");
    picture.className = "picker-thumb";
    if (thumb) {
      picture.src = thumb;
      picture.alt = "";
      picture.loading = "lazy";
    }
    const text = document.createElement("span");
    text.className = "picker-title";
    text.textContent = result.text;
    row.append(picture, text);
    return $(row);
  }

  function start(select) {
    $(select).select2({
      ajax: {
        url: select.dataset.pickerUrl,
        dataType: "json",
        delay: 200,
        data: (params) => ({q: params.term || "", page: params.page || 1}),
      },
      allowClear: select.dataset.allowClear === "true",
      placeholder: select.dataset.placeholder,
      templateResult: shown,
      templateSelection: shown,
      width: "30em",
    });
  }

  function startAll(root) {
    for (const select of root.querySelectorAll("select.archive-picker")) {
      if (!select.name.includes("__prefix__") && !select.classList.contains("select2-hidden-accessible")) start(select);
    }
  }

  $(() => startAll(document));
  document.addEventListener("formset:added", (event) => startAll(event.target));
})(django.jQuery);
