"""Image derivatives: a few widths in WebP and JPEG for srcset, upright, in sRGB, with no metadata at all.

Speed comes from decoding less: JPEG's draft mode lets libjpeg decode at 1/2, 1/4 or 1/8 scale directly, and
each smaller width is made from the previous one (cascaded reduction) instead of from the full picture.
"""

import io
import json
from pathlib import Path

from PIL import Image, ImageCms, ImageOps
from pillow_heif import register_heif_opener

from .errors import MediaError
from .outputs import Output

register_heif_opener()
SRGB = ImageCms.createProfile("sRGB")


def image_sizes(source, out_dir, *, widths, jpeg_quality=82, webp_quality=78, on_progress=None):
    """Write `<width>.webp` and `<width>.jpg` for each width up to the image's own (never upscaled)."""
    out_dir = Path(out_dir)
    try:
        with Image.open(source) as image:
            image = _upright(image, max(widths))
            image = _to_srgb(image)
    except (OSError, ValueError, SyntaxError) as error:
        raise MediaError(f"The image could not be decoded: {error}") from None
    targets = [w for w in sorted(widths, reverse=True) if w < image.width] or [image.width]
    if image.width <= max(widths) and image.width not in targets:
        targets.insert(0, image.width)
    outputs = []
    current = image
    for done, width in enumerate(targets):
        height = max(1, round(current.height * width / current.width))
        if current.width != width:
            current = current.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        outputs += _save_both(current, out_dir, jpeg_quality, webp_quality)
        if on_progress:
            on_progress((done + 1) / len(targets))
    return outputs


def _upright(image, largest_width):
    """The picture turned upright by its EXIF orientation, decoded no larger than needed for `largest_width`."""
    orientation = image.getexif().get(0x0112, 1)
    sideways = orientation in (5, 6, 7, 8)
    if image.format == "JPEG":
        # draft() picks the largest 1/2^n scale still at least this size; the box is in stored orientation.
        scale = largest_width / (image.height if sideways else image.width)
        if scale < 1:
            image.draft("RGB", (int(image.width * scale) + 1, int(image.height * scale) + 1))
    image.load()
    if getattr(image, "n_frames", 1) > 1:
        image.seek(0)
    upright = ImageOps.exif_transpose(image)
    return upright if upright is not None else image


def _to_srgb(image):
    icc = image.info.get("icc_profile")
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    image = image.convert("RGBA" if has_alpha else "RGB")
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            image = ImageCms.profileToProfile(image, source, SRGB, outputMode=image.mode)
        except (ImageCms.PyCMSError, OSError):
            pass  # a broken embedded profile: keep the pixels as they are, treated as sRGB
    image.info = {}  # no EXIF, XMP, ICC profile or comment travels on to the derivatives
    return image


def _save_both(image, out_dir, jpeg_quality, webp_quality):
    width, height = image.size
    image.info.clear()
    image.save(out_dir / f"{width}.webp", "WEBP", quality=webp_quality, method=4)
    flat = image
    if image.mode == "RGBA":
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A"))
    flat.save(out_dir / f"{width}.jpg", "JPEG", quality=jpeg_quality, optimize=True, progressive=True)
    return [
        Output(f"{width}.webp", "image", "image/webp", width=width, height=height),
        Output(f"{width}.jpg", "image", "image/jpeg", width=width, height=height),
    ]


def iiif_tiles(source, out_dir, *, tile_size=512, min_long_side=2000, jpeg_quality=80, on_progress=None):
    """IIIF Image API 3.0 level 0 tiles of a large picture, for deep zoom; nothing for a picture under
    `min_long_side` pixels on its long side (its sized derivatives are already enough).

    The files follow the Image API's own addresses, so a client asks for exactly what `info.json` advertises:
    `<region>/<w>,<h>/0/default.jpg`, the region `x,y,w,h` in full-size pixels (or `full` for a tile showing the
    whole picture), at scale factors 1, 2, 4... down to the one whose whole picture fits in one tile. Every tile
    is cut from a level made from the level before it (cascaded reduction), upright, sRGB, with no metadata.
    `info.json` carries no `id`: the image service adds its own address when it serves the file.
    """
    out_dir = Path(out_dir)
    try:
        with Image.open(source) as image:
            if max(image.size) < min_long_side:
                return []
            image = _to_srgb(_upright(image, max(image.size)))
    except (OSError, ValueError, SyntaxError) as error:
        raise MediaError(f"The image could not be decoded: {error}") from None
    if image.mode == "RGBA":
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    width, height = image.size
    factors = [1]
    while max(-(-width // factors[-1]), -(-height // factors[-1])) > tile_size:
        factors.append(factors[-1] * 2)
    level = image
    for done, factor in enumerate(factors):
        size = (-(-width // factor), -(-height // factor))  # ceil, as the Image API rounds level sizes
        if level.size != size:
            level = level.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        _save_tiles(level, factor, (width, height), tile_size, out_dir, jpeg_quality)
        if on_progress:
            on_progress((done + 1) / len(factors))
    info = {
        "@context": "http://iiif.io/api/image/3/context.json",
        "type": "ImageService3",
        "protocol": "http://iiif.io/api/image",
        "profile": "level0",
        "width": width,
        "height": height,
        "tiles": [{"width": tile_size, "height": tile_size, "scaleFactors": factors}],
        "sizes": [{"width": level.width, "height": level.height}],
    }
    (out_dir / "info.json").write_text(json.dumps(info), encoding="utf-8")
    return [Output("info.json", "iiif-tiles", "application/json", width=width, height=height)]


def tile_region(x, y, w, h, full_size):
    """The Image API's name for a region: `full` for the whole picture, else `x,y,w,h`."""
    return "full" if (x, y, w, h) == (0, 0, *full_size) else f"{x},{y},{w},{h}"


def _save_tiles(level, factor, full_size, tile_size, out_dir, jpeg_quality):
    full_width, full_height = full_size
    for top in range(0, level.height, tile_size):
        for left in range(0, level.width, tile_size):
            tile = level.crop((left, top, min(left + tile_size, level.width), min(top + tile_size, level.height)))
            x, y = left * factor, top * factor
            region = tile_region(x, y, min(tile_size * factor, full_width - x),
                                 min(tile_size * factor, full_height - y), full_size)
            folder = out_dir / region / f"{tile.width},{tile.height}" / "0"
            folder.mkdir(parents=True, exist_ok=True)
            tile.save(folder / "default.jpg", "JPEG", quality=jpeg_quality, optimize=True)
