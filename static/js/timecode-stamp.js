// Stamping times while listening (admin, transcripts and segments): F8, or the Stamp button, writes the player's
// current time into the start box of the line or segment the cursor is in, or into its end once the start is
// filled. The time is written as the form reads it back: 00:12:34.500.
"use strict";
(function () {
  function clock(seconds) {
    const ms = Math.max(0, Math.round(seconds * 1000));
    const pad = (n, width) => String(n).padStart(width, "0");
    return `${pad(Math.floor(ms / 3600000), 2)}:${pad(Math.floor(ms / 60000) % 60, 2)}:` +
      `${pad(Math.floor(ms / 1000) % 60, 2)}.${pad(ms % 1000, 3)}`;
  }

  function start() {
    const aside = document.querySelector(".oh-player");
    const player = aside && aside.querySelector("audio, video");
    if (!player) return;
    const now = aside.querySelector(".oh-now");
    const status = aside.querySelector(".oh-stamp-status");
    let lastField = null;

    player.addEventListener("timeupdate", () => { now.textContent = clock(player.currentTime); });
    document.addEventListener("focusin", (event) => {
      const field = event.target;
      if (field.form && field.form.id && !aside.contains(field)) lastField = field;
    });

    function target() {
      if (!lastField) return document.querySelector("input.oh-timecode");
      if (lastField.classList.contains("oh-timecode")) return lastField;
      // The line the cursor is in; on a segment's page, where the times have a row of their own, the segment.
      const line = lastField.closest("tr, .form-row");
      const row = line && line.querySelector("input.oh-timecode") ? line : document;
      const begin = row.querySelector("input.oh-timecode[name$='start_ms']");
      const end = row.querySelector("input.oh-timecode[name$='end_ms']");
      return begin && !begin.value ? begin : end || begin;
    }

    function stamp() {
      const field = target();
      if (!field) return;
      now.textContent = clock(player.currentTime);
      field.value = now.textContent;
      field.dispatchEvent(new Event("input", {bubbles: true}));
      field.classList.add("oh-just-stamped");
      setTimeout(() => field.classList.remove("oh-just-stamped"), 800);
      status.textContent = aside.dataset.stamped.replace("%(time)s", field.value);
    }

    document.addEventListener("keydown", (event) => {
      if (event.key === "F8") {
        event.preventDefault();
        stamp();
      }
    });
    aside.querySelector(".oh-stamp").addEventListener("click", stamp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
