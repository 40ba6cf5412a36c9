/* The offline pack of a lesson kit (index.html opened from a USB stick or a phone's files, file://): a clip plays
   only its part. A film or recording with data-clip-start and data-clip-end starts at the start, pauses at the end,
   and plays from the start again when played after that. A plain script: no modules and no requests, which a page
   opened from the file system may not make. */
(function () {
  "use strict";

  function clip(media) {
    var start = parseFloat(media.getAttribute("data-clip-start"));
    var end = parseFloat(media.getAttribute("data-clip-end"));
    if (!(end > start)) {
      return;
    }
    var watching = false;

    function atEnd() {
      if (media.currentTime >= end) {
        media.pause();
        return true;
      }
      return false;
    }

    function watch() {
      // Checked every frame while playing: timeupdate alone comes only every quarter of a second.
      if (media.paused || atEnd()) {
        watching = false;
        return;
      }
      window.requestAnimationFrame(watch);
    }

    media.addEventListener("loadedmetadata", function () {
      if (media.currentTime < start || media.currentTime >= end) {
        media.currentTime = start;
      }
    });
    media.addEventListener("play", function () {
      if (media.currentTime < start - 0.25 || media.currentTime >= end - 0.05) {
        media.currentTime = start;
      }
      if (!watching) {
        watching = true;
        window.requestAnimationFrame(watch);
      }
    });
    media.addEventListener("timeupdate", atEnd);
  }

  var clips = document.querySelectorAll("video[data-clip-end], audio[data-clip-end]");
  for (var i = 0; i < clips.length; i += 1) {
    clip(clips[i]);
  }
}());
