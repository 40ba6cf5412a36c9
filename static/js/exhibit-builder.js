// The exhibit builder (admin): each block shows the fields its kind uses, and blocks are reordered by dragging
// or with Move up / Move down buttons; either way the position fields are rewritten in the new order.
"use strict";
function startBuilder() {
  const group = document.querySelector(".block-builder");
  if (!group) return;
  const declared = JSON.parse(group.dataset.blockFields);
  const optional = new Set(declared.optional);
  const languageSuffix = /_(th|my|km|lo)$/;
  group.classList.add("js-kinds");

  const forms = () => [...group.querySelectorAll(".block-form:not(.empty-form)")];
  const kindSelect = (form) => form.querySelector("select[name$='-kind']");
  const positionInput = (form) => form.querySelector("input[name$='-position']:not([name*='-items-'])");

  function showKindFields(form) {
    const kind = kindSelect(form).value;
    const used = new Set(declared.kinds[kind] || [...optional]);
    for (const element of form.querySelectorAll("[class*='field-']")) {
      if (element.closest(".block-items") && !element.classList.contains("block-items")) continue;
      const name = [...element.classList].find((c) => c.startsWith("field-"));
      if (!name) continue;
      const base = name.slice(6).replace(languageSuffix, "");
      if (base === "position") element.classList.add("block-field-off");  // the order is shown by the list itself
      else if (optional.has(base)) element.classList.toggle("block-field-off", !used.has(base));
    }
  }

  function renumber() {
    forms().forEach((form, index) => {
      const input = positionInput(form);
      if (input) input.value = String((index + 1) * 10);
    });
  }

  function announce(form) {
    const list = forms();
    group.querySelector(".block-live").textContent = group.dataset.moved
      .replace("%(place)s", list.indexOf(form) + 1).replace("%(count)s", list.length);
  }

  function move(form, step) {
    const list = forms();
    const target = list[list.indexOf(form) + step];
    if (!target) return;
    target.insertAdjacentElement(step < 0 ? "beforebegin" : "afterend", form);
    renumber();
    announce(form);
    document.dispatchEvent(new Event("builder:moved"));
  }

  let dragged = null;

  function addTools(form) {
    const heading = form.querySelector("h3");
    if (!heading || heading.querySelector(".block-tools")) return;
    const tools = document.createElement("span");
    tools.className = "block-tools";
    const handle = document.createElement("span");
    handle.className = "block-handle";
    handle.draggable = true;
    handle.textContent = "⠿";
    handle.title = group.dataset.drag;
    handle.setAttribute("aria-hidden", "true");
    tools.append(handle);
    for (const [label, step, cls] of [[group.dataset.moveUp, -1, "block-up"], [group.dataset.moveDown, 1, "block-down"]]) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = cls;
      button.textContent = label;
      button.addEventListener("click", () => { move(form, step); button.focus(); });
      tools.append(button);
    }
    heading.prepend(tools);
    handle.addEventListener("dragstart", (event) => {
      dragged = form;
      form.classList.add("block-dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", form.id);
      event.dataTransfer.setDragImage(form, 20, 20);
    });
    handle.addEventListener("dragend", () => {
      form.classList.remove("block-dragging");
      dragged = null;
      clearMarks();
    });
  }

  function clearMarks() {
    for (const form of forms()) form.classList.remove("block-drop-before", "block-drop-after");
  }

  function before(form, event) {
    const box = form.getBoundingClientRect();
    return event.clientY < box.top + box.height / 2;
  }

  group.addEventListener("dragover", (event) => {
    const form = event.target.closest && event.target.closest(".block-form:not(.empty-form)");
    if (!dragged || !form || form === dragged) return;
    event.preventDefault();
    clearMarks();
    form.classList.add(before(form, event) ? "block-drop-before" : "block-drop-after");
  });
  group.addEventListener("drop", (event) => {
    const form = event.target.closest && event.target.closest(".block-form:not(.empty-form)");
    if (!dragged || !form || form === dragged) return;
    event.preventDefault();
    form.insertAdjacentElement(before(form, event) ? "beforebegin" : "afterend", dragged);
    clearMarks();
    renumber();
    announce(dragged);
    document.dispatchEvent(new Event("builder:moved"));
  });

  // Django numbers the block forms by their place in the page when a new one is removed, but saved blocks must
  // keep the first numbers (Django pairs them with their ids) and new ones follow. Before sending, number saved
  // blocks first and new ones after, each in the order shown; the position fields carry the order itself.
  function renumberForms() {
    const list = forms();
    const saved = list.filter((form) => {
      const id = form.querySelector("input[name$='-id']:not([name*='-items-'])");
      return id && id.value;
    });
    [...saved, ...list.filter((form) => !saved.includes(form))].forEach((form, index) => {
      for (const element of [form, ...form.querySelectorAll("[id], [name], [for]")]) {
        for (const attribute of ["id", "name", "for"]) {
          const value = element.getAttribute(attribute);
          if (value) element.setAttribute(attribute, value.replace(/blocks-\d+(?=-|$)/, `blocks-${index}`));
        }
      }
    });
  }

  const page = group.closest("form");
  if (page) page.addEventListener("submit", renumberForms);
  document.addEventListener("builder:before-send", renumberForms);

  function prepare(form) {
    addTools(form);
    showKindFields(form);
    kindSelect(form).addEventListener("change", () => showKindFields(form));
  }

  forms().forEach(prepare);
  document.addEventListener("formset:added", (event) => {
    if (event.detail.formsetName !== "blocks") return;
    prepare(event.target);
    renumber();
  });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startBuilder);
else startBuilder();

// The live preview beside the form: a moment after each change, the form as it stands is sent to the preview
// address, which draws the exhibit as it would be once saved (and keeps nothing); both frames show that page.
function startPreview() {
  const preview = document.querySelector(".builder-preview");
  const form = document.querySelector("#exhibit_form");
  if (!preview || !form) return;
  const frames = [...preview.querySelectorAll("iframe")];
  const address = frames[0].getAttribute("src");
  const refresh = preview.querySelector(".builder-preview-refresh");
  let timer = null;

  async function showChanges() {
    document.dispatchEvent(new Event("builder:before-send"));
    const response = await fetch(address, {method: "POST", body: new FormData(form), credentials: "same-origin"});
    const page = await response.text();
    for (const frame of frames) frame.srcdoc = page;
    preview.dataset.shown = String(Number(preview.dataset.shown || 0) + 1);
  }

  function changed() {
    preview.querySelector(".builder-preview-stale").hidden = false;
    clearTimeout(timer);
    timer = setTimeout(showChanges, 700);
  }

  refresh.hidden = false;
  refresh.addEventListener("click", showChanges);
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  document.addEventListener("builder:moved", changed);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startPreview);
else startPreview();
