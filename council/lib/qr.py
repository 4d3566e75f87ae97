"""QR codes as PNG bytes (for PDFs and downloads) and as inline SVG (for HTML pages)."""

from __future__ import annotations

import io
import re

import qrcode
import qrcode.constants
from qrcode.image.pil import PilImage
from qrcode.image.svg import SvgPathImage

# Medium error correction survives a smudged or partly covered print without growing the
# code much.
_ERROR_CORRECTION = qrcode.constants.ERROR_CORRECT_M

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>\s*")


def _qr(data: str, *, box_size: int, border: int) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=_ERROR_CORRECTION, box_size=box_size, border=border)
    code.add_data(data)
    code.make(fit=True)
    return code


def qr_png(data: str, *, box_size: int = 8, border: int = 2) -> bytes:
    """A PNG of the QR code for `data`; `box_size` is pixels per module, `border` modules."""
    image = _qr(data, box_size=box_size, border=border).make_image(image_factory=PilImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()


def qr_svg(data: str) -> str:
    """The QR code for `data` as an `<svg>` element to put straight into an HTML page."""
    image = _qr(data, box_size=10, border=2).make_image(image_factory=SvgPathImage)
    svg = image.to_string(encoding="unicode")
    # An XML declaration in the middle of an HTML document is invalid markup.
    return _XML_DECLARATION.sub("", svg)
