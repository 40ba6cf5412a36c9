"""Scripts the browser tests add to a page before its own run (Playwright's add_init_script)."""

# Chromium may play HLS itself; the archive's loader (static/js/hls-player.js) is for browsers that do not, so the
# tests of the loader take that away.
NO_NATIVE_HLS = """(() => {
    const canPlayType = HTMLMediaElement.prototype.canPlayType;
    HTMLMediaElement.prototype.canPlayType = function (type) {
        return /mpegurl/i.test(type) ? "" : canPlayType.call(this, type);
    };
})();"""
