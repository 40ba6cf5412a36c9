"""Image derivatives of a 24-megapixel phone JPEG: the pipeline (draft-mode decoding, cascaded reduction) against
naive Pillow (decode everything, resize each width from the full picture).

    .venv/bin/python bench/media_images.py [--runs 3]

Both write the same files: every width of the image-sizes profile in WebP and JPEG, upright, stripped.
"""

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageOps

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from media_pipeline.images import image_sizes  # noqa: E402
from media_pipeline.profiles import profile  # noqa: E402

OPTIONS = profile("image-sizes").options


def make_photo(path, size=(6000, 4000)):
    """A detailed 24 MP picture (noise over gradients), saved as a phone would: quality 90, EXIF orientation."""
    noise = Image.effect_noise(size, 60).convert("RGB")
    gradient = Image.linear_gradient("L").resize(size).convert("RGB")
    picture = Image.blend(noise, gradient, 0.6)
    exif = Image.Exif()
    exif[0x0112] = 6
    picture.save(path, "JPEG", quality=90, exif=exif)


def naive(source, out_dir):
    with Image.open(source) as image:
        image = ImageOps.exif_transpose(image.convert("RGB"))
    for width in OPTIONS["widths"]:
        if width >= image.width:
            continue
        resized = image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
        resized.save(out_dir / f"{width}.webp", "WEBP", quality=OPTIONS["webp_quality"], method=4)
        resized.save(out_dir / f"{width}.jpg", "JPEG", quality=OPTIONS["jpeg_quality"], optimize=True,
                     progressive=True)


def pipeline(source, out_dir):
    image_sizes(source, out_dir, **OPTIONS)


def encode_only(source, out_dir):
    """Just the encoders' share: the same eight files saved from already-resized pictures."""
    with Image.open(out_dir.parent / "pipeline" / "2048.jpg") as first:
        first.load()
        pictures = [first.resize((w, round(first.height * w / first.width))) for w in OPTIONS["widths"]]
    cpu = time.process_time()
    for picture in pictures:
        picture.save(out_dir / f"{picture.width}.webp", "WEBP", quality=OPTIONS["webp_quality"], method=4)
        picture.save(out_dir / f"{picture.width}.jpg", "JPEG", quality=OPTIONS["jpeg_quality"], optimize=True,
                     progressive=True)
    return time.process_time() - cpu


def measure(label, action, source, work, runs):
    times = []
    for _ in range(runs):
        out = work / label
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir()
        cpu, wall = time.process_time(), time.perf_counter()
        action(source, out)
        times.append((time.process_time() - cpu, time.perf_counter() - wall))
    best = min(times)
    print(f"{label:<10} cpu {best[0]:6.2f} s   wall {best[1]:6.2f} s   ({len(list(out.iterdir()))} files)",
          flush=True)
    return best[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-images-"))
    try:
        source = work / "photo.jpg"
        make_photo(source)
        print(f"source 6000x4000 JPEG, {source.stat().st_size / 1e6:.1f} MB; widths {OPTIONS['widths']}")
        slow = measure("naive", naive, source, work, args.runs)
        fast = measure("pipeline", pipeline, source, work, args.runs)
        (work / "encode").mkdir()
        encoding = min(encode_only(source, work / "encode") for _ in range(args.runs))
        print(f"encoding the 8 files alone: cpu {encoding:.2f} s")
        print(f"\nnaive / pipeline CPU: {slow / fast:.1f}x overall; decoding and resizing only: "
              f"{(slow - encoding) / (fast - encoding):.1f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
