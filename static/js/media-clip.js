/* Clips of a film or recording: the part from data-clip-start to data-clip-end (seconds, on the media element, as
   templates/includes/player.html writes them for a clip, or on an element around it) is all that plays. The sources' media fragment (#t=12,47) starts the first play there
   and stops it at the end without JavaScript, but a browser honours the fragment's end only once; here the
   player stops at the end on every play, and playing again after the end starts from the clip's start.
   Used by the slideshow (static/js/slides.js) and by clip links on item pages, whose "make a clip" form also
   gets buttons that take the player's current time, and a button that copies the clip's link. */
(function () {
  "use strict";
  var EARLY = 0.05;  // seconds before the end that count as the end, for a player that stops a frame short

  function mediaOf(element) {
    return element.matches("audio, video") ? element : element.querySelector("audio, video");
  }

  function clock(seconds) {
    var whole = Math.floor(seconds), h = Math.floor(whole / 3600), m = Math.floor(whole % 3600 / 60);
    var s = whole % 60, tenth = Math.floor((seconds - whole) * 10);
    var text = (h ? h + ":" + (m < 10 ? "0" : "") + m : String(m)) + ":" + (s < 10 ? "0" : "") + s;
    return tenth ? text + "." + tenth : text;
  }

  function keepToClip(box) {
    var media = mediaOf(box);
    var start = parseFloat(box.dataset.clipStart), end = parseFloat(box.dataset.clipEnd);
    if (!media || media.dataset.clip || !(start >= 0) || !(end > start)) return;
    media.dataset.clip = start + "," + end;
    var watching = 0;

    function stopAtEnd() {
      if (!media.paused && media.currentTime >= end - EARLY) {
        media.pause();
        return true;
      }
      return false;
    }
    function watch() {  // finer than timeupdate (every quarter second or so), while it plays
      watching = 0;
      if (!media.paused && !stopAtEnd()) watching = window.requestAnimationFrame(watch);
    }
    media.addEventListener("play", function () {
      if (media.currentTime >= end - EARLY || media.currentTime < start - 0.25) media.currentTime = start;
      if (!watching) watching = window.requestAnimationFrame(watch);
    });
    media.addEventListener("timeupdate", stopAtEnd);
  }

  function timeButtons(form) {  // the form's tools follow the player they make clips of
    var tools = form.closest(".clip-tools"), box = tools && tools.previousElementSibling;
    var media = box && box.matches(".player") ? mediaOf(box) : null;
    if (!media) return;
    Array.prototype.forEach.call(form.querySelectorAll("[data-now]"), function (button) {
      var input = document.getElementById(button.dataset.now);
      if (!input) return;
      button.hidden = false;
      button.addEventListener("click", function () { input.value = clock(media.currentTime || 0); });
    });
  }

  function copyButton(button) {
    var input = document.getElementById(button.dataset.copy);
    if (!input) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      function done() { button.textContent = button.dataset.copied; }
      input.select();
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(input.value).then(done, function () {
          if (document.execCommand("copy")) done();
        });
      } else if (document.execCommand("copy")) {
        done();
      }
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-clip-start][data-clip-end]"), keepToClip);
    Array.prototype.forEach.call(document.querySelectorAll("form[data-clip-form]"), timeButtons);
    Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), copyButton);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
