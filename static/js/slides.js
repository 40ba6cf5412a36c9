/* A lesson kit's slideshow (templates/lessons/slides.html): one slide at a time, moved by the keys a keyboard and
   a presentation clicker send (arrows, Page Up and Page Down, Space, Home and End), by the on-screen buttons and
   by a swipe. The slide's number is the address fragment (#3), so a reload keeps the place. N shows the
   presenter's view: the slide, the next one and the speaker notes (?notes=1 opens with it). Leaving a slide
   pauses what plays on it; clips keep to their part through static/js/media-clip.js. Without this script the
   slides are a page of sections. */
(function () {
  "use strict";
  var slides = Array.prototype.slice.call(document.querySelectorAll("[data-slide]"));
  var nav = document.querySelector("[data-deck-nav]");
  if (!slides.length || !nav) return;
  var root = document.documentElement, body = document.body;
  var number = nav.querySelector("[data-number]"), toggle = nav.querySelector('[data-go="notes"]');
  var previous = nav.querySelector('[data-go="previous"]'), next = nav.querySelector('[data-go="next"]');
  var panel = document.querySelector("[data-presenter]");
  var upcoming = panel.querySelector("[data-upcoming]"), notes = panel.querySelector("[data-current-notes]");
  var current = -1;
  var SWIPE = 60;  // pixels a finger moves sideways to turn a slide

  root.classList.remove("no-js");
  root.classList.add("js-deck");
  nav.hidden = false;

  function fromAddress() {
    var n = parseInt(window.location.hash.slice(1), 10);
    return n >= 1 && n <= slides.length ? n - 1 : 0;
  }

  function pauseWithin(slide) {
    Array.prototype.forEach.call(slide.querySelectorAll("audio, video"), function (media) {
      if (!media.paused) media.pause();
    });
  }

  function copyOf(slide) {  // the next slide as the presenter sees it: a picture of it, nothing that plays
    var copy = slide.querySelector(".slide-body").cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll("audio, .wave, .downloads, .duration"), function (el) {
      el.remove();
    });
    Array.prototype.forEach.call(copy.querySelectorAll("video"), function (video) {
      if (!video.poster) { video.remove(); return; }
      var still = document.createElement("img");
      still.src = video.poster;
      still.alt = "";
      video.replaceWith(still);
    });
    Array.prototype.forEach.call(copy.querySelectorAll("[id]"), function (el) { el.removeAttribute("id"); });
    return copy;
  }

  function showNotes() {
    if (!body.classList.contains("presenter")) return;
    var next = slides[current + 1];
    upcoming.replaceChildren(next ? copyOf(next) : document.createTextNode("—"));
    var own = slides[current].querySelector(".notes");
    notes.replaceChildren(own ? own.cloneNode(true) : document.createTextNode(""));
  }

  function go(index) {
    index = Math.max(0, Math.min(slides.length - 1, index));
    if (index === current) return;
    if (current >= 0) {
      slides[current].classList.remove("current");
      slides[current].removeAttribute("aria-current");
      pauseWithin(slides[current]);
    }
    current = index;
    slides[current].classList.add("current");
    slides[current].setAttribute("aria-current", "step");
    number.textContent = String(current + 1);
    previous.disabled = current === 0;
    next.disabled = current === slides.length - 1;
    var hash = "#" + (current + 1);
    if (window.location.hash !== hash) history.replaceState(null, "", hash);
    showNotes();
  }

  function presenter(on) {
    body.classList.toggle("presenter", on);
    panel.hidden = !on;
    toggle.setAttribute("aria-pressed", on ? "true" : "false");
    showNotes();
  }

  function typing(target) {
    return target.closest && target.closest("input, textarea, select, [contenteditable]");
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    var onMedia = event.target.closest && event.target.closest("audio, video");
    var onControl = event.target.closest && event.target.closest("button, a");
    var step = null;
    switch (event.key) {
      case "PageDown": step = 1; break;  // what a clicker sends, wherever the focus is
      case "PageUp": step = -1; break;
      case "ArrowRight": case "ArrowDown": if (!onMedia) step = 1; break;
      case "ArrowLeft": case "ArrowUp": if (!onMedia) step = -1; break;
      case " ": if (!onMedia && !onControl) step = event.shiftKey ? -1 : 1; break;
      case "Home": if (!onMedia) { event.preventDefault(); go(0); } return;
      case "End": if (!onMedia) { event.preventDefault(); go(slides.length - 1); } return;
      case "n": case "N": presenter(!body.classList.contains("presenter")); return;
      default: return;
    }
    if (step === null) return;
    event.preventDefault();
    go(current + step);
  });

  nav.addEventListener("click", function (event) {
    var button = event.target.closest("[data-go]");
    if (!button) return;
    if (button.dataset.go === "notes") presenter(!body.classList.contains("presenter"));
    else go(current + (button.dataset.go === "next" ? 1 : -1));
  });

  window.addEventListener("hashchange", function () { go(fromAddress()); });

  var touch = null;
  document.addEventListener("touchstart", function (event) {
    touch = event.touches.length === 1 && !event.target.closest("audio, video, button, a")
      ? { x: event.touches[0].clientX, y: event.touches[0].clientY } : null;
  }, { passive: true });
  document.addEventListener("touchend", function (event) {
    if (!touch) return;
    var dx = event.changedTouches[0].clientX - touch.x, dy = event.changedTouches[0].clientY - touch.y;
    touch = null;
    if (Math.abs(dx) > SWIPE && Math.abs(dx) > 2 * Math.abs(dy)) go(current + (dx < 0 ? 1 : -1));
  }, { passive: true });

  go(fromAddress());
  presenter(new URLSearchParams(window.location.search).get("notes") === "1");
})();
