/* Deep zoom for large pictures on item pages: when the "view large" overlay opens, the picture is drawn from its
   IIIF tiles by OpenSeadragon, so a phone can pinch and pan across it and load only the tiles in view.

   Markup (item_detail.html), one element per picture that has tiles:
     <div hidden data-deep-zoom="/iiif/image/7/info.json" data-overlay="zoom-7" data-viewer="…/openseadragon.min.js"
          data-icons="…/openseadragon/images/" data-label="Zoomable picture…"></div>
   The overlay (#zoom-7) is the page's own no-JavaScript view: a CSS :target layer with the largest image. Here its
   image stays unloaded while the viewer works, and comes back if the viewer script or the tiles fail. The viewer
   script itself (about 350 KB) is fetched only when a visitor first opens a picture. */
(function () {
  "use strict";

  var loading = null;

  function loadViewer(src) {
    if (window.OpenSeadragon) return Promise.resolve(window.OpenSeadragon);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.onload = function () { resolve(window.OpenSeadragon); };
        script.onerror = function () { loading = null; reject(new Error("viewer did not load")); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function enhance(source) {
    var overlay = document.getElementById(source.getAttribute("data-overlay"));
    if (!overlay) return;
    var fallback = overlay.querySelector("img");
    var viewer = null;
    var box = null;
    // Not displayed, so not fetched (it is lazy): the tiles draw the picture instead. The overlay's stylesheet rule
    // displays its image, which outranks the hidden attribute, hence the style property.
    if (fallback) fallback.style.display = "none";

    function giveUp() {
      if (box) box.hidden = true;
      if (fallback) fallback.style.display = "";
    }

    function open() {
      if (viewer || location.hash !== "#" + overlay.id) return;
      box = document.createElement("div");
      box.className = "deep-zoom";
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", source.getAttribute("data-label") || "");
      box.style.position = "absolute";
      box.style.left = "0";
      box.style.right = "0";
      box.style.bottom = "0";
      box.style.top = "3rem";
      overlay.appendChild(box);
      viewer = true;
      loadViewer(source.getAttribute("data-viewer")).then(function (OpenSeadragon) {
        viewer = OpenSeadragon({
          element: box,
          tileSources: source.getAttribute("data-deep-zoom"),
          prefixUrl: source.getAttribute("data-icons"),
          drawer: "canvas",
          showFullPageControl: false,
          showRotationControl: false,
          visibilityRatio: 1,
          constrainDuringPan: true,
          maxZoomPixelRatio: 2,
          gestureSettingsTouch: { pinchToZoom: true, flickEnabled: true }
        });
        viewer.addHandler("open-failed", giveUp);
        box.setAttribute("data-state", "loading");
        viewer.addHandler("open", function () { box.setAttribute("data-state", "open"); });
      }, giveUp);
    }

    window.addEventListener("hashchange", open);
    open();
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-deep-zoom]"), enhance);
})();
