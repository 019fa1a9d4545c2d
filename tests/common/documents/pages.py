"""Looking at printed pages as a reader would: render them with pdftoppm (Debian
poppler-utils) and inspect the pixels, decode QR codes (zxing-cpp)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import zxingcpp
from PIL import Image

#: Points per millimetre.
MM = 72 / 25.4
PAGE_MM = {"A4": (210, 297), "A3": (297, 420), "A2": (420, 594)}


def pdftoppm() -> str:
    """The pdftoppm program; tests that render pages need it (apt-get install poppler-utils)."""
    found = shutil.which("pdftoppm")
    assert found, "pdftoppm is missing: apt-get install poppler-utils"
    return found


def render(pdf: bytes, *, dpi: int = 50, first: int | None = None,
           last: int | None = None) -> list[Image.Image]:
    """Every page (or pages first..last) of a PDF as an RGB image."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "doc.pdf"
        source.write_bytes(pdf)
        command = [pdftoppm(), "-r", str(dpi), "-png"]
        if first is not None:
            command += ["-f", str(first)]
        if last is not None:
            command += ["-l", str(last)]
        subprocess.run([*command, str(source), str(Path(folder) / "page")], check=True,
                       capture_output=True, timeout=120)
        files = sorted(Path(folder).glob("page-*.png"),
                       key=lambda p: int(re.findall(r"\d+", p.stem)[-1]))
        return [Image.open(io.BytesIO(p.read_bytes())).convert("RGB") for p in files]


def page_count(pdf: bytes) -> int:
    """How many pages a PDF has (counted from its page objects)."""
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def size_mm(image: Image.Image, dpi: int) -> tuple[float, float]:
    """A rendered page's size in millimetres."""
    return image.width * 25.4 / dpi, image.height * 25.4 / dpi


def ink(image: Image.Image, box: tuple[float, float, float, float] | None = None) -> float:
    """The share of non-white pixels in a region (fractions of the page: left, top, right,
    bottom), or in the whole page."""
    if box is not None:
        w, h = image.size
        image = image.crop((int(box[0] * w), int(box[1] * h), int(box[2] * w), int(box[3] * h)))
    grey = image.convert("L")
    histogram = grey.histogram()
    dark = sum(histogram[:200])
    return dark / max(1, grey.width * grey.height)


def colour_share(image: Image.Image, rgb: tuple[int, int, int], tolerance: int = 40) -> float:
    """The share of pixels close to a colour."""
    scale = 300 / image.width
    small = image.resize((300, int(image.height * scale))).tobytes()
    pixels = [small[i:i + 3] for i in range(0, len(small), 3)]
    near = sum(1 for p in pixels if all(abs(a - b) <= tolerance for a, b in
                                        zip(p, rgb, strict=True)))
    return near / len(pixels)


def qr_codes(image: Image.Image) -> list[str]:
    """The texts of the QR codes found on a page."""
    return [r.text for r in zxingcpp.read_barcodes(image)
            if r.format == zxingcpp.BarcodeFormat.QRCode]
