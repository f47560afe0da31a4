"""Open image files safely: size limits, corrupt data, multi-page TIFF, EXIF rotation.

Every failure becomes an :class:`~extractor.errors.InputError` with a stable code:
``image_too_large`` (decompression bombs), ``corrupt_image``, ``image_too_small``,
``too_many_pages``.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from extractor.errors import InputError

#: Largest page we accept: an A3 sheet at 600 dpi is ~70 Mpx; anything above
#: 120 Mpx is a decompression bomb or an absurd scan setting.
MAX_PIXELS = 120_000_000
#: Shortest acceptable long side: below this an A4 page is under ~50 dpi.
MIN_LONG_SIDE_PX = 600
#: A4 long side in inches, to estimate the resolution when the file has none.
A4_LONG_IN = 11.69
#: Resolutions written by screen-capture tools rather than scanners; ignored.
SCREEN_DPI = {72, 96}

# Pillow's own bomb guard: warns above the limit, raises above twice the limit.
# Both become ``image_too_large`` below.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


@dataclass
class PageImage:
    """One page: pixels (H×W gray or H×W×3 RGB, uint8) and its resolution in dpi."""

    pixels: np.ndarray
    dpi: float
    dpi_known: bool


def _to_array(frame: Image.Image) -> np.ndarray:
    """Pixels as uint8 gray or RGB, whatever the file's mode (1, P, I;16, CMYK, LA, RGBA…)."""
    if frame.mode in ("I;16", "I;16B", "I;16L", "I"):
        arr = np.asarray(frame, dtype=np.float64)
        top = float(arr.max()) or 1.0
        return np.clip(arr * (255.0 / top), 0, 255).astype(np.uint8)
    if frame.mode in ("RGBA", "LA", "PA") or (frame.mode == "P" and "transparency" in frame.info):
        rgba = frame.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        frame = Image.alpha_composite(white, rgba)
    if frame.mode in ("1", "L"):
        return np.asarray(frame.convert("L"))
    return np.asarray(frame.convert("RGB"))


def _dpi(frame: Image.Image) -> tuple[float, bool]:
    info = frame.info.get("dpi")
    if info:
        try:
            value = float(info[0])
        except (TypeError, ValueError, IndexError):
            value = 0.0
        if 100 <= value <= 1200 and round(value) not in SCREEN_DPI:
            return value, True
    long_side = max(frame.size)
    return long_side / A4_LONG_IN, False


def load_pages(data: bytes, max_pages: int) -> list[PageImage]:
    """Decode an image file (PNG/JPEG/TIFF incl. multi-page/BMP) into page images."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
            pages: list[PageImage] = []
            n_frames = getattr(img, "n_frames", 1)
            if n_frames > max_pages:
                raise InputError("too_many_pages", n_frames, limit=max_pages)
            for frame in ImageSequence.Iterator(img):
                w, h = frame.size
                if w * h > MAX_PIXELS:
                    raise InputError("image_too_large", f"{w}×{h} px")
                if max(w, h) < MIN_LONG_SIDE_PX:
                    raise InputError("image_too_small", f"{w}×{h} px")
                frame.load()
                dpi, known = _dpi(frame)
                upright = ImageOps.exif_transpose(frame) if frame.getexif() else frame
                pages.append(PageImage(_to_array(upright), dpi, known))
    except InputError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise InputError("image_too_large", str(exc).split(" pixels")[0]) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise InputError("corrupt_image", type(exc).__name__) from exc
    except MemoryError as exc:
        raise InputError("image_too_large", "memory") from exc
    if not pages:
        raise InputError("corrupt_image", "no frames")
    return pages
