/* A recording's waveform (drawn by the server from the pipeline's peaks) seeks its player when tapped or clicked,
   and shows how much has been played. The player's own controls stay the accessible way to seek; without this
   script the waveform is a picture. */
(function () {
  "use strict";

  function seek(audio, fraction) {
    function go() {
      var duration = isFinite(audio.duration) && audio.duration > 0 ? audio.duration : +audio.dataset.duration;
      if (!duration) return;
      audio.currentTime = Math.max(0, Math.min(1, fraction)) * duration;
      var started = audio.play();
      if (started && started.catch) started.catch(function () { /* autoplay refused: the time is set */ });
    }
    if (audio.readyState >= 1) {
      go();
    } else {
      audio.addEventListener("loadedmetadata", go, { once: true });
      audio.preload = "metadata";  // preload="none" would let the browser wait for a press of play
      audio.load();
    }
  }

  function attach(box) {
    var wave = box.querySelector("svg[data-wave]"), audio = box.querySelector("audio");
    if (!wave || !audio || wave.dataset.attached) return;
    wave.dataset.attached = "1";
    wave.classList.add("wave-seeks");
    var bars = Array.prototype.slice.call(wave.querySelectorAll("rect"));
    wave.addEventListener("click", function (event) {
      var box = wave.getBoundingClientRect();
      if (box.width) seek(audio, (event.clientX - box.left) / box.width);
    });
    function show() {
      var duration = isFinite(audio.duration) && audio.duration > 0 ? audio.duration : +audio.dataset.duration;
      var played = duration ? audio.currentTime / duration : 0;
      bars.forEach(function (bar, index) { bar.classList.toggle("played", index < played * bars.length); });
    }
    audio.addEventListener("timeupdate", show);
    audio.addEventListener("seeked", show);
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".player.audio"), attach);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
