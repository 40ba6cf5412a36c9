/* Oral histories on an item page: the transcript follows the recording, lines and segments seek the player,
   and ?t=754 or ?t=12:34 (with &rec=<recording> for a recording other than the main one) starts there.
   Without this script every time is a plain link to ?t=…#player. */
(function () {
  "use strict";
  var root = document.querySelector("[data-oral-history]");
  if (!root) return;
  var IDLE_AFTER_SCROLL_MS = 4000;

  function toSeconds(value) {
    if (!value) return null;
    var parts = String(value).trim().split(":"), total = 0;
    if (parts.length > 3) return null;
    for (var i = 0; i < parts.length; i++) {
      if (!/^\d+(\.\d+)?$/.test(parts[i])) return null;
      total = total * 60 + parseFloat(parts[i]);
    }
    return total;
  }

  function media(element) {
    if (!element) return null;
    return element.matches("audio, video") ? element : element.querySelector("audio, video");
  }

  // The media element playing a recording: one marked with it (data-recording on the element or on the caption
  // tracks we add), else the page's main [data-player] when that is the recording the page calls main.
  function playerFor(recording) {
    var main = media(document.querySelector("[data-player]"));
    if (!recording) return main;
    var tagged = document.querySelector('audio[data-recording="' + recording + '"], video[data-recording="' +
      recording + '"]');
    if (tagged) return tagged;
    var track = document.querySelector('track[data-recording="' + recording + '"]');
    if (track) return track.closest("audio, video");
    var section = root.querySelector('.oh-recording[data-recording="' + recording + '"]');
    var playsAnother = main && main.querySelector("track[data-recording]");
    return section && section.hasAttribute("data-main") && !playsAnother ? main : null;
  }

  function seek(player, seconds, play) {
    function go() {
      player.currentTime = seconds;
      if (play) {
        var started = player.play();
        if (started && started.catch) started.catch(function () { /* autoplay refused: the time is set */ });
      }
    }
    if (player.readyState >= 1) {
      go();
    } else {
      player.addEventListener("loadedmetadata", go, { once: true });
      if (player.preload === "none" || player.networkState === 0) player.load();
    }
  }

  function follow(section, player) {
    var entries = Array.prototype.map.call(section.querySelectorAll("[data-start]"), function (el) {
      return { el: el, start: +el.dataset.start / 1000, end: +el.dataset.end / 1000, box: el.closest("ol") };
    });
    var current = [], lastUserScroll = 0;
    section.addEventListener("wheel", function () { lastUserScroll = Date.now(); }, { passive: true });
    section.addEventListener("touchmove", function () { lastUserScroll = Date.now(); }, { passive: true });

    function update() {
      var t = player.currentTime;
      var now = entries.filter(function (e) { return t >= e.start && t < e.end; });
      current.forEach(function (e) {
        if (now.indexOf(e) < 0) { e.el.classList.remove("oh-current"); e.el.removeAttribute("aria-current"); }
      });
      now.forEach(function (e) {
        if (current.indexOf(e) >= 0) return;
        e.el.classList.add("oh-current");
        e.el.setAttribute("aria-current", "true");
        if (Date.now() - lastUserScroll > IDLE_AFTER_SCROLL_MS && e.box.scrollHeight > e.box.clientHeight) {
          var top = e.el.offsetTop - e.box.offsetTop;
          if (top < e.box.scrollTop || top + e.el.offsetHeight > e.box.scrollTop + e.box.clientHeight) {
            e.box.scrollTop = Math.max(0, top - e.box.clientHeight / 3);
          }
        }
      });
      current = now;
    }
    player.addEventListener("timeupdate", update);
    player.addEventListener("seeked", update);
  }

  Array.prototype.forEach.call(root.querySelectorAll(".oh-recording"), function (section) {
    var player = playerFor(section.dataset.recording);
    if (!player) return;
    section.classList.add("oh-playable");
    follow(section, player);
    section.addEventListener("click", function (event) {
      var link = event.target.closest("a");
      if (link && !link.classList.contains("oh-time")) return;
      var entry = event.target.closest("[data-start]");
      if (!entry || !entry.querySelector("a.oh-time")) return;
      if (window.getSelection && String(window.getSelection()) && !link) return;  // selecting text, not seeking
      event.preventDefault();
      var seconds = Math.floor(+entry.dataset.start / 1000);
      seek(player, seconds, true);
      var href = entry.querySelector("a.oh-time").getAttribute("href");
      if (window.history && history.replaceState) history.replaceState(null, "", href.split("#")[0]);
    });
  });

  var params = new URLSearchParams(window.location.search);
  var start = toSeconds(params.get("t"));
  if (start !== null) {
    var player = playerFor(params.get("rec"));
    if (player) seek(player, start, true);
  }
})();
