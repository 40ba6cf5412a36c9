/* While a film is being scrubbed (seeking), a frame from the pipeline's scrub-thumbnail sprite shows over it, so
   the visitor sees where they are going before the stream gets there. The index (data-thumbnails, WebVTT with
   `sprite.jpg#xywh=x,y,w,h` cues) and the sprite are fetched only at the first seek. */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";

  function parse(text, base) {
    var cues = [], re = /(\d+:)?(\d+):(\d+(?:\.\d+)?)\s+-->\s+(\d+:)?(\d+):(\d+(?:\.\d+)?)[^\n]*\n([^\n]+)/g, m;
    function seconds(h, mm, s) { return (h ? parseInt(h, 10) * 3600 : 0) + parseInt(mm, 10) * 60 + parseFloat(s); }
    while ((m = re.exec(text))) {
      var tile = /^(.*)#xywh=(\d+),(\d+),(\d+),(\d+)$/.exec(m[7].trim());
      if (tile) cues.push({ start: seconds(m[1], m[2], m[3]), end: seconds(m[4], m[5], m[6]),
                            url: new URL(tile[1], base).href, box: [tile[2], tile[3], tile[4], tile[5]] });
    }
    return cues;
  }

  function attach(video) {
    var box = video.closest(".player"), index = null, loading = null, hide = null, preview = null, image = null;
    function load() {
      loading = loading || fetch(video.dataset.thumbnails, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : ""; })
        .then(function (text) { index = parse(text, new URL(video.dataset.thumbnails, location.href).href); })
        .catch(function () { index = []; });
      return loading;
    }
    function show() {
      var t = video.currentTime, cue = null;
      for (var i = 0; index && i < index.length; i++) if (index[i].start <= t && t < index[i].end) cue = index[i];
      if (!cue) return;
      if (!preview) {
        preview = document.createElementNS(SVG, "svg");
        preview.setAttribute("class", "scrub-preview");
        preview.setAttribute("aria-hidden", "true");
        image = document.createElementNS(SVG, "image");
        preview.appendChild(image);
        box.appendChild(preview);
      }
      if (image.getAttribute("href") !== cue.url) image.setAttribute("href", cue.url);
      preview.setAttribute("viewBox", cue.box.join(" "));
      preview.dataset.time = String(cue.start);
      preview.classList.add("showing");
      clearTimeout(hide);
      if (!video.seeking) hideSoon();  // the seek ended while the index was loading
    }
    function hideSoon() {
      clearTimeout(hide);
      hide = setTimeout(function () { if (preview) preview.classList.remove("showing"); }, 800);
    }
    video.addEventListener("seeking", function () { load().then(show); });
    video.addEventListener("seeked", hideSoon);
  }

  Array.prototype.forEach.call(document.querySelectorAll("video[data-thumbnails]"), attach);
})();
