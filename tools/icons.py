"""Make the skill's store icons, 108x108 and 512x512 PNG, from this one drawing.

A white bone on a deep teal disc, the shapes and no text, so it stays legible at 108
pixels; drawn at four times the size and scaled down for smooth edges. Run `make icons`
after changing it; tests/test_certification.py checks the committed files match this
script's output. Not part of the Lambda artifact.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "images"
SIZES = {"icon-108.png": 108, "icon-512.png": 512}
TEAL = (0, 92, 102, 255)
WHITE = (255, 255, 255, 255)


def draw(size: int) -> Image.Image:
    """The icon at `size` pixels."""
    big = size * 4
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.ellipse((0, 0, big - 1, big - 1), fill=TEAL)
    # A bone at a slant: a thick shaft and two round knobs at each end.
    unit = big / 16
    shaft = [(5 * unit, 10 * unit), (10 * unit, 5 * unit), (11 * unit, 6 * unit), (6 * unit, 11 * unit)]
    pen.polygon(shaft, fill=WHITE)
    radius = 1.7 * unit
    knobs = ((4.6, 9.4), (6.6, 11.4), (9.4, 4.6), (11.4, 6.6))
    for cx, cy in ((x * unit, y * unit) for x, y in knobs):
        pen.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=WHITE)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def png(size: int) -> bytes:
    buffer = io.BytesIO()
    draw(size).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, size in SIZES.items():
        (OUT / name).write_bytes(png(size))
        print(f"wrote {(OUT / name).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
