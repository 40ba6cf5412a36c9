"""Image derivatives: a few widths in WebP and JPEG for srcset, upright, in sRGB, with no metadata at all.

Speed comes from decoding less: JPEG's draft mode lets libjpeg decode at 1/2, 1/4 or 1/8 scale directly, and
each smaller width is made from the previous one (cascaded reduction) instead of from the full picture.
"""

import io
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
