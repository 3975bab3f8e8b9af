"""The portal's home-screen icon, drawn once: ``python -m khuyenhoc.icons`` writes
static/icons/icon.svg, icon-192.png and icon-512.png. Pure Python (zlib), so no imaging
library is needed for three files that change once in a while."""

import struct
import zlib
from pathlib import Path

BLUE, WHITE, GOLD = (0x0B, 0x3D, 0x6B), (0xFF, 0xFF, 0xFF), (0xF0, 0xB4, 0x29)
# An open book on the navbar's blue, in the middle 60 % so a round mask keeps it whole:
# (colour, left, top, right, bottom) as fractions of the side, later ones drawn on top.
SHAPES = [
    (WHITE, 0.22, 0.30, 0.49, 0.72),
    (WHITE, 0.51, 0.30, 0.78, 0.72),
    (GOLD, 0.485, 0.26, 0.515, 0.76),
]


def colour_at(x: float, y: float) -> tuple[int, int, int]:
    colour = BLUE
    for shape_colour, left, top, right, bottom in SHAPES:
        if left <= x < right and top <= y < bottom:
            colour = shape_colour
    return colour


def png(size: int) -> bytes:
    rows = b"".join(
        b"\x00" + b"".join(bytes(colour_at((i + 0.5) / size, (j + 0.5) / size)) for i in range(size))
        for j in range(size)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def svg() -> str:
    def hex_(colour):
        return "#%02x%02x%02x" % colour

    rects = "".join(
        f'<rect x="{left * 512:g}" y="{top * 512:g}" width="{(right - left) * 512:g}" '
        f'height="{(bottom - top) * 512:g}" fill="{hex_(colour)}"/>'
        for colour, left, top, right, bottom in SHAPES
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">'
        f'<rect width="512" height="512" fill="{hex_(BLUE)}"/>{rects}</svg>\n'
    )


if __name__ == "__main__":
    folder = Path(__file__).resolve().parent.parent / "static" / "icons"
    folder.mkdir(exist_ok=True)
    (folder / "icon.svg").write_text(svg())
    for size in (192, 512):
        (folder / f"icon-{size}.png").write_bytes(png(size))
