/* Plays the archive's HLS streams (fMP4 segments) through Media Source Extensions, with no third-party code.

   Markup: <video controls preload="metadata" src="…/video.mp4" data-hls="…/master.m3u8" poster="…"></video>,
   or the item page's <video data-hls="…"> with <source> children: the stream for browsers that play HLS
   themselves, then the progressive MP4s. A browser that plays HLS itself is left to do so. The MP4 is what
   plays without JavaScript, without MSE, or if the stream fails. A player with preload="none" fetches nothing
   until it is played. The rendition is picked once, for the player's size and the connection; segments are
   fetched only a little ahead of playback so a long film on slow mobile data downloads no more than is
   watched. */
(function () {
  "use strict";

  var AHEAD_SECONDS = 30;

  function attributes(line) {
    var result = {}, re = /([A-Z0-9-]+)=("[^"]*"|[^,]*)/g, match;
    while ((match = re.exec(line))) result[match[1]] = match[2].replace(/^"|"$/g, "");
    return result;
  }

  function fetchText(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(url + ": HTTP " + r.status);
      return r.text();
    });
  }

  function fetchBytes(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(url + ": HTTP " + r.status);
      return r.arrayBuffer();
    });
  }

  function parseMaster(text, base) {
    var lines = text.split(/\r?\n/), variants = [];
    for (var i = 0; i < lines.length; i++) {
      if (lines[i].indexOf("#EXT-X-STREAM-INF:") === 0) {
        var a = attributes(lines[i]), size = (a.RESOLUTION || "0x0").split("x");
        variants.push({ bandwidth: +a.BANDWIDTH || 0, width: +size[0], height: +size[1], codecs: a.CODECS,
                        url: new URL(lines[i + 1].trim(), base).href });
      }
    }
    return variants.sort(function (x, y) { return x.bandwidth - y.bandwidth; });
  }

  function parseMedia(text, base) {
    var lines = text.split(/\r?\n/), init = null, segments = [], start = 0, duration = 0;
    lines.forEach(function (line) {
      line = line.trim();
      if (line.indexOf("#EXT-X-MAP:") === 0) init = new URL(attributes(line).URI, base).href;
      else if (line.indexOf("#EXTINF:") === 0) duration = parseFloat(line.slice(8));
      else if (line && line[0] !== "#") {
        segments.push({ url: new URL(line, base).href, start: start, end: start + duration });
        start += duration;
      }
    });
    return { init: init, segments: segments, duration: start };
  }

  function choose(variants, video) {
    var wanted = Math.max(video.clientHeight || 360, 240) * (window.devicePixelRatio || 1);
    var link = navigator.connection && navigator.connection.downlink ? navigator.connection.downlink * 8e5 : Infinity;
    var pick = variants[0];
    variants.forEach(function (v) {
      if (Math.min(v.width, v.height) <= wanted && v.bandwidth <= link) pick = v;
    });
    return pick;
  }

  function once(target, name) {
    return new Promise(function (resolve) { target.addEventListener(name, resolve, { once: true }); });
  }

  var HLS_TYPE = "application/vnd.apple.mpegurl";

  function progressive(video) {
    var source = video.querySelector('source[type="video/mp4"]');
    return video.getAttribute("src") || (source && source.src) || "";
  }

  function play(video, master) {
    var Source = window.ManagedMediaSource || window.MediaSource;
    if (video.canPlayType(HLS_TYPE) || !Source) {
      if (video.canPlayType(HLS_TYPE) && video.getAttribute("src")) video.src = master;
      return Promise.resolve(false);
    }
    var fallback = progressive(video);
    return fetchText(master).then(function (text) {
      var variant = choose(parseMaster(text, new URL(master, location.href).href), video);
      var type = 'video/mp4; codecs="' + variant.codecs + '"';
      if (!variant.codecs || !Source.isTypeSupported(type)) return null;
      return fetchText(variant.url).then(function (body) {
        return stream(video, Source, type, parseMedia(body, variant.url));
      }).then(function () { return true; });
    }).catch(function (error) {
      if (fallback && video.getAttribute("src") !== fallback) video.src = fallback;
      if (window.console) console.warn("HLS playback fell back to MP4:", error);
      return true;
    });
  }

  function stream(video, Source, type, media) {
    var source = new Source(), next = 0, busy = false, resumeAt = video.currentTime;
    if (window.ManagedMediaSource && source instanceof window.ManagedMediaSource) video.disableRemotePlayback = true;
    video.removeAttribute("src");
    video.src = URL.createObjectURL(source);
    return once(source, "sourceopen").then(function () {
      source.duration = media.duration;
      var buffer = source.addSourceBuffer(type);
      var append = function (bytes) {
        buffer.appendBuffer(bytes);
        return once(buffer, "updateend");
      };
      var bufferedEnd = function () {
        var ranges = buffer.buffered, t = video.currentTime;
        for (var i = 0; i < ranges.length; i++) if (ranges.start(i) <= t + 0.5 && t < ranges.end(i)) return ranges.end(i);
        return t;
      };
      var pump = function () {
        if (busy || source.readyState === "closed") return;
        if (next >= media.segments.length) {
          if (!buffer.updating && source.readyState === "open") source.endOfStream();
          return;
        }
        if (bufferedEnd() - video.currentTime > AHEAD_SECONDS) return;
        busy = true;
        fetchBytes(media.segments[next++].url).then(append).then(function () {
          busy = false;
          pump();
        });
      };
      video.addEventListener("timeupdate", pump);
      video.addEventListener("seeking", function () {
        var t = video.currentTime;
        if (bufferedEnd() > t) return;
        for (var i = 0; i < media.segments.length; i++) if (media.segments[i].end > t) { next = i; break; }
        pump();
      });
      return fetchBytes(media.init).then(append).then(function () {
        if (resumeAt > 0) video.currentTime = resumeAt;  // a timecode link or a seek made before the swap
        pump();
      });
    });
  }

  function attach(video) {
    video.dataset.hlsAttached = "1";
    return play(video, video.dataset.hls);
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("video[data-hls]"), function (video) {
      if (video.dataset.hlsAttached) return;
      if (video.preload !== "none") {
        attach(video);
        return;
      }
      // Nothing is fetched before the visitor presses play; then the stream replaces the MP4 and plays on.
      video.addEventListener("play", function () {
        if (video.dataset.hlsAttached) return;
        attach(video).then(function (replaced) {
          if (replaced) video.play().catch(function () {});
        });
      });
    });
  }

  window.archiveHls = { play: play, start: start };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
