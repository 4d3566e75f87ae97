import io

from PIL import Image

from council.lib.qr import qr_png, qr_svg

URL = "https://example.org/verify/0f3a9c?lang=kk"


def test_the_png_is_a_square_png_image() -> None:
    png = qr_png(URL)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG"
        assert image.width == image.height > 0


def test_the_png_grows_with_the_box_size_and_border() -> None:
    with Image.open(io.BytesIO(qr_png(URL, box_size=4, border=0))) as small:
        width = small.width
    with Image.open(io.BytesIO(qr_png(URL, box_size=8, border=2))) as large:
        # Same number of modules, twice the pixels per module, plus two modules each side.
        assert large.width == 2 * width + 2 * 2 * 8


def test_the_svg_is_an_inline_svg_element_with_a_path() -> None:
    svg = qr_svg(URL)
    assert svg.startswith("<svg")
    assert "<path" in svg
    assert "<?xml" not in svg


def test_non_ascii_data_is_encoded() -> None:
    assert qr_png("Өскемен").startswith(b"\x89PNG")
    assert qr_svg("Өскемен").startswith("<svg")
