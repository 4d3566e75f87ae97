"""Draw the phone app's icons (council/static/council/icon-192.png and icon-512.png) once:
the favicon's check mark, white on the brand blue, full bleed so that a launcher may mask
them (the mark stays inside the middle 60%, within the maskable safe zone).

    .venv/bin/python scripts/app_icons.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
BRAND = (11, 92, 173)
SIZES = (192, 512)
# The favicon's check mark on its 32-unit grid (council/static/council/favicon.svg).
MARK = ((9, 17), (14, 22), (23, 11))


def draw(size: int) -> Image.Image:
    large = size * 4  # drawn large, then scaled down: smooth edges
    picture = Image.new("RGB", (large, large), BRAND)

    def point(x: int, y: int) -> tuple[float, float]:
        return (large * 0.2 + (x - 4) * large * 0.6 / 24, large * 0.2 + (y - 4) * large * 0.6 / 24)

    ImageDraw.Draw(picture).line(
        [point(x, y) for x, y in MARK], fill="white", width=int(large * 0.07), joint="curve"
    )
    return picture.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    for size in SIZES:
        path = ROOT / "council" / "static" / "council" / f"icon-{size}.png"
        draw(size).save(path, optimize=True)
        print(f"app_icons: wrote {path}")


if __name__ == "__main__":
    main()
