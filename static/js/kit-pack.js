/* The offline pack of a lesson kit (index.html opened from a USB stick or a phone's files, file://).

   A clip plays only its part: a film or recording with data-clip-start and data-clip-end starts at the start,
   pauses at the end, and plays from the start again when played after that.

   Captions: browsers refuse a <track> file to a page opened from the file system, so the pack also holds each
   caption file's cues as a script (window.kitPackCaptions, by the file's name); each <track> is replaced by a text
   track made from them. Without JavaScript the <track> stays, for browsers that do load it.

   A plain script: no modules and no requests, which a page opened from the file system may not make. */
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

  function captions(media) {
    var found = window.kitPackCaptions || {};
    var tracks = media.querySelectorAll("track");
    for (var i = 0; i < tracks.length; i += 1) {
      var element = tracks[i];
      var cues = found[element.getAttribute("src")];
      if (!cues || typeof window.VTTCue !== "function") {
        continue;
      }
      var made = media.addTextTrack("captions", element.label, element.srclang);
      for (var j = 0; j < cues.length; j += 1) {
        made.addCue(new window.VTTCue(cues[j][0], cues[j][1], cues[j][2]));
      }
      made.mode = element.default ? "showing" : "disabled";
      element.parentNode.removeChild(element);
    }
  }

  var players = document.querySelectorAll("video, audio");
  for (var k = 0; k < players.length; k += 1) {
    captions(players[k]);
  }

  var clips = document.querySelectorAll("video[data-clip-end], audio[data-clip-end]");
  for (var i = 0; i < clips.length; i += 1) {
    clip(clips[i]);
  }
}());
