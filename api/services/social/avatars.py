"""Profile avatars: an uploaded image (base64 PNG, JPEG or WebP) checked and normalised with
Pillow before anything is stored.

The format is read from the bytes, never from what the caller says; images over the pixel limit
(decompression bombs) are refused before they are decoded; EXIF orientation is applied, the
picture is centre-cropped square, resized to 256x256 and re-encoded as WebP from raw pixels, so
no metadata (EXIF, GPS, XMP, ICC) survives.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import warnings
from dataclasses import dataclass
from io import BytesIO

from PIL import Image, ImageOps, UnidentifiedImageError

from api.errors import BadUserInput

MAX_BYTES = 2 * 1024 * 1024  # decoded upload
MAX_PIXELS = 40_000_000  # width x height of the upload (e.g. 8000 x 5000)
SIZE = 256
FORMATS = ("PNG", "JPEG", "WEBP")
MEDIA_TYPE = "image/webp"
DATA_URL = re.compile(r"^data:image/[a-z0-9.+-]+;base64,", re.IGNORECASE)
# base64 of MAX_BYTES, plus room for line breaks and a data: prefix
MAX_TEXT = (MAX_BYTES + 2) // 3 * 4 + MAX_BYTES // 38 + 64


@dataclass(frozen=True)
class Avatar:
    content: bytes
    media_type: str
    version: str  # content hash


def _refuse(message: str) -> BadUserInput:
    return BadUserInput(message, field="image")


def decode_base64(text: str) -> bytes:
    """The upload's bytes: plain base64 (line breaks allowed) or a data: URL."""
    if len(text) > MAX_TEXT:
        raise _refuse("image must be at most 2 MiB")
    body = DATA_URL.sub("", text.strip(), count=1)
    body = "".join(body.split())
    try:
        raw = base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        raise _refuse("image must be base64-encoded PNG, JPEG or WebP") from None
    if not raw:
        raise _refuse("image is empty")
    if len(raw) > MAX_BYTES:
        raise _refuse("image must be at most 2 MiB")
    return raw


def normalise(raw: bytes) -> Avatar:
    """Check the image and turn it into the 256x256 WebP that is stored and served."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(raw), formats=FORMATS) as image:
                width, height = image.size
                if width < 1 or height < 1 or width * height > MAX_PIXELS:
                    raise _refuse(
                        f"image is too large: at most {MAX_PIXELS:,} pixels "
                        f"(this one is {width}x{height})"
                    )
                image.seek(0)  # animated images: the first frame
                image.load()
                upright = ImageOps.exif_transpose(image)
    except BadUserInput:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse(f"image is too large: at most {MAX_PIXELS:,} pixels") from None
    except UnidentifiedImageError:
        raise _refuse("image must be a PNG, JPEG or WebP picture") from None
    except (OSError, ValueError, SyntaxError, EOFError):
        raise _refuse("image could not be decoded (damaged or truncated)") from None
    alpha = upright.mode in ("RGBA", "LA", "PA") or (
        upright.mode == "P" and "transparency" in upright.info
    )
    mode = "RGBA" if alpha else "RGB"
    try:
        square = ImageOps.fit(
            upright.convert(mode), (SIZE, SIZE), Image.Resampling.LANCZOS, centering=(0.5, 0.5)
        )
    except (OSError, ValueError):
        raise _refuse("image could not be decoded (unsupported pixel format)") from None
    # A new image from raw pixels: nothing of the upload's metadata can come along.
    clean = Image.frombytes(mode, square.size, square.tobytes())
    out = BytesIO()
    clean.save(out, format="WEBP", quality=85, method=4)
    content = out.getvalue()
    return Avatar(content, MEDIA_TYPE, hashlib.sha256(content).hexdigest()[:16])


def avatar_from_base64(text: str) -> Avatar:
    return normalise(decode_base64(text))


def avatar_path(handle: str, version: str) -> str:
    """The public URL (relative to the API's base URL) of a profile's avatar."""
    return f"/avatars/{handle}?v={version}"
