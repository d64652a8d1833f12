#!/usr/bin/env python3
"""Draws the Toolsmith icon and writes it as PNG (Linux), ICO (Windows) and ICNS (macOS).

Standard library only, so anyone can regenerate the committed files with `python3 make_icons.py`.
Every shape is a signed distance function in unit coordinates (0..1, y pointing down); a pixel's
coverage is taken from the distance at its centre, which anti-aliases edges at any size.
"""
import math
import struct
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent

TOP = (0x2E, 0x4A, 0x7A)      # background gradient, top
BOTTOM = (0x16, 0x22, 0x3D)   # background gradient, bottom
WRENCH = (0xF3, 0xF0, 0xE8)
SPARK = (0xF5, 0xB8, 0x3D)


def clamp(v, lo, hi):
    return lo if v < lo else hi if v > hi else v


def rotate(x, y, angle):
    c, s = math.cos(angle), math.sin(angle)
    return c * x + s * y, -s * x + c * y


def rounded_box(x, y, half_w, half_h, radius):
    qx = abs(x) - half_w + radius
    qy = abs(y) - half_h + radius
    outside = math.hypot(max(qx, 0.0), max(qy, 0.0))
    return outside + min(max(qx, qy), 0.0) - radius


def circle(x, y, cx, cy, r):
    return math.hypot(x - cx, y - cy) - r


def capsule(x, y, ax, ay, bx, by, r):
    px, py, vx, vy = x - ax, y - ay, bx - ax, by - ay
    h = clamp((px * vx + py * vy) / (vx * vx + vy * vy), 0.0, 1.0)
    return math.hypot(px - vx * h, py - vy * h) - r


def rhombus(x, y, bx, by):
    qx, qy = abs(x), abs(y)
    h = clamp((-2.0 * (qx * bx - qy * by) + (bx * bx - by * by)) / (bx * bx + by * by), -1.0, 1.0)
    d = math.hypot(qx - 0.5 * bx * (1.0 - h), qy - 0.5 * by * (1.0 + h))
    return d if qx * by + qy * bx - bx * by > 0 else -d


# The wrench lies on the diagonal from bottom left to top right; its jaw opens towards the corner.
ANGLE = math.radians(45)
HEAD = (0.63, 0.37)


def wrench(x, y):
    handle = capsule(x, y, 0.27, 0.73, 0.58, 0.42, 0.062)
    head = circle(x, y, HEAD[0], HEAD[1], 0.165)
    body = min(handle, head)
    # The jaw: a slot from the head's centre out through its far side.
    lx, ly = rotate(x - HEAD[0], y - HEAD[1], -ANGLE)
    jaw = rounded_box(lx - 0.12, ly, 0.13, 0.058, 0.01)
    eye = circle(x, y, 0.29, 0.71, 0.026)   # hanging hole in the handle
    return max(body, -jaw, -eye)


def spark(x, y):
    cx, cy = x - 0.77, y - 0.76
    return min(rhombus(cx, cy, 0.095, 0.024), rhombus(cx, cy, 0.024, 0.095))


def background(x, y):
    return rounded_box(x - 0.5, y - 0.5, 0.44, 0.44, 0.19)


def blend(dst, src, alpha):
    return tuple(d + (s - d) * alpha for d, s in zip(dst, src))


def render(size):
    pixel = 1.0 / size
    rows = []
    for j in range(size):
        y = (j + 0.5) * pixel
        t = clamp((y - 0.06) / 0.88, 0.0, 1.0)
        bg = blend(TOP, BOTTOM, t)
        row = bytearray([0])  # PNG filter type "None"
        for i in range(size):
            x = (i + 0.5) * pixel
            cover_bg = clamp(0.5 - background(x, y) / pixel, 0.0, 1.0)
            if cover_bg == 0.0:
                row += b"\0\0\0\0"
                continue
            # A soft shadow under the wrench gives it some depth without a second colour.
            shadow = clamp(0.5 - (wrench(x - 0.012, y - 0.018) - 0.01) / (pixel * 6 + 0.02), 0.0, 1.0)
            color = blend(bg, (0, 0, 0), 0.28 * shadow)
            color = blend(color, WRENCH, clamp(0.5 - wrench(x, y) / pixel, 0.0, 1.0))
            color = blend(color, SPARK, clamp(0.5 - spark(x, y) / pixel, 0.0, 1.0))
            row += bytes(round(c) for c in color) + bytes([round(255 * cover_bg)])
        rows.append(bytes(row))
    return png(size, b"".join(rows))


def png(size, raw):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def ico(pngs):
    """Windows icon holding PNG images (supported since Windows Vista)."""
    out = struct.pack("<HHH", 0, 1, len(pngs))
    offset = 6 + 16 * len(pngs)
    for size, data in pngs:
        side = 0 if size >= 256 else size  # 0 means 256
        out += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return out + b"".join(data for _, data in pngs)


def icns(pngs):
    """macOS icon: PNG entries keyed by their pixel size."""
    kinds = {128: b"ic07", 256: b"ic08", 512: b"ic09"}
    body = b"".join(kinds[size] + struct.pack(">I", len(data) + 8) + data for size, data in pngs)
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def main():
    images = {size: render(size) for size in (16, 32, 48, 128, 256, 512)}
    (HERE / "toolsmith.png").write_bytes(images[256])
    (HERE / "toolsmith.ico").write_bytes(ico([(s, images[s]) for s in (16, 32, 48, 256)]))
    (HERE / "toolsmith.icns").write_bytes(icns([(s, images[s]) for s in (128, 256, 512)]))


if __name__ == "__main__":
    main()
