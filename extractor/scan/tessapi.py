"""Tesseract's C API (``libtesseract``, the library behind the ``tesseract`` command) via ctypes.

Each ``tesseract`` run loads its language models again (``ind+eng``: ~0.1 s) and the
image has to be written to a file and read back; a page needs two runs (the page and
its re-read cells). Here the models are loaded once per process and per language set
and stay loaded, and the page's pixels are handed over from memory. The output is the
same TSV the command prints, read by the same code (:mod:`extractor.scan.tesseract`).

It binds only the stable C API of ``capi.h`` (Tesseract 4 and 5). When the library or
the language data cannot be loaded, :func:`engine` answers None and the caller runs the
``tesseract`` command through pytesseract instead; ``SOPCHECK_OCR_ENGINE=cli`` forces
that path.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import logging
import os
import threading

import numpy as np

log = logging.getLogger(__name__)

#: Environment variable naming the OCR engine: ``api`` (default: the library, falling
#: back to the command) or ``cli`` (always the ``tesseract`` command via pytesseract).
ENGINE_ENV = "SOPCHECK_OCR_ENGINE"
#: Library names tried in turn (Debian's libtesseract5 ships ``libtesseract.so.5``).
LIBRARY_NAMES = ("tesseract", "libtesseract.so.5", "libtesseract.so.4")

#: Settings a call may change, with Tesseract 5's defaults (restored for other calls):
#: the page binarisation that finds text blobs (0 = global Otsu, 2 = Sauvola).
VARIABLE_DEFAULTS = {"thresholding_method": "0", "thresholding_window_size": "0.33"}
#: Page segmentation mode 0: orientation and script detection only.
PSM_OSD_ONLY = 0
#: The language data of orientation and script detection.
OSD_LANG = "osd"
#: Leptonica's L_SEVERITY_NONE: print no messages.
LEPT_SEVERITY_NONE = 6

_lib: ctypes.CDLL | None = None
_lib_failed = False
_lib_lock = threading.Lock()
_local = threading.local()


def _load_library() -> ctypes.CDLL | None:
    global _lib, _lib_failed
    with _lib_lock:
        if _lib is not None or _lib_failed:
            return _lib
        for name in LIBRARY_NAMES:
            path = ctypes.util.find_library(name) if "." not in name else name
            if not path:
                continue
            try:
                lib = ctypes.CDLL(path)
            except OSError:
                continue
            _declare(lib)
            _quiet_leptonica(lib)
            _lib = lib
            return lib
        _lib_failed = True
        log.info("libtesseract not found; OCR runs the tesseract command")
        return None


def _quiet_leptonica(lib: ctypes.CDLL) -> None:
    """Leptonica (Tesseract's image library) prints its errors to stderr; the command's
    stderr was captured, ours is the user's terminal: keep it quiet."""
    for name in ("lept", "leptonica"):
        path = ctypes.util.find_library(name)
        if path:
            with contextlib.suppress(OSError, AttributeError):
                lept = ctypes.CDLL(path)
                lept.setMsgSeverity.argtypes = [ctypes.c_int]
                lept.setMsgSeverity(LEPT_SEVERITY_NONE)
                return


def _declare(lib: ctypes.CDLL) -> None:
    vp, cp, ci = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    lib.TessBaseAPICreate.restype = vp
    lib.TessBaseAPICreate.argtypes = []
    lib.TessBaseAPIInit3.restype = ci
    lib.TessBaseAPIInit3.argtypes = [vp, cp, cp]
    lib.TessBaseAPISetVariable.restype = ci
    lib.TessBaseAPISetVariable.argtypes = [vp, cp, cp]
    lib.TessBaseAPISetPageSegMode.restype = None
    lib.TessBaseAPISetPageSegMode.argtypes = [vp, ci]
    lib.TessBaseAPISetImage.restype = None
    lib.TessBaseAPISetImage.argtypes = [vp, ctypes.c_void_p, ci, ci, ci, ci]
    lib.TessBaseAPISetSourceResolution.restype = None
    lib.TessBaseAPISetSourceResolution.argtypes = [vp, ci]
    lib.TessBaseAPIRecognize.restype = ci
    lib.TessBaseAPIRecognize.argtypes = [vp, vp]
    # a char* the caller must free with TessDeleteText: keep it as a raw pointer
    lib.TessBaseAPIGetTsvText.restype = vp
    lib.TessBaseAPIGetTsvText.argtypes = [vp, ci]
    lib.TessDeleteText.restype = None
    lib.TessDeleteText.argtypes = [vp]
    lib.TessBaseAPIDetectOrientationScript.restype = ci
    lib.TessBaseAPIDetectOrientationScript.argtypes = [
        vp,
        ctypes.POINTER(ci),
        ctypes.POINTER(ctypes.c_float),
        ctypes.POINTER(ctypes.c_char_p),
        ctypes.POINTER(ctypes.c_float),
    ]
    lib.TessBaseAPIClear.restype = None
    lib.TessBaseAPIClear.argtypes = [vp]
    lib.TessBaseAPIEnd.restype = None
    lib.TessBaseAPIEnd.argtypes = [vp]
    lib.TessBaseAPIDelete.restype = None
    lib.TessBaseAPIDelete.argtypes = [vp]


class TessApi:
    """One initialised ``TessBaseAPI`` for one language set (not shared between threads)."""

    def __init__(self, lib: ctypes.CDLL, lang: str) -> None:
        self._lib = lib
        self.lang = lang
        self._handle = lib.TessBaseAPICreate()
        if not self._handle:
            raise OSError("TessBaseAPICreate failed")
        if lib.TessBaseAPIInit3(self._handle, None, lang.encode()) != 0:
            lib.TessBaseAPIDelete(self._handle)
            self._handle = None
            raise OSError(f"tesseract cannot load language data {lang!r}")
        # Tesseract's own notes ("Detected 33 diacritics") go nowhere, as with the command
        lib.TessBaseAPISetVariable(self._handle, b"debug_file", os.devnull.encode())

    def tsv(
        self, gray: np.ndarray, psm: int, dpi: int, variables: dict[str, str] | None = None
    ) -> str:
        """Recognise an 8-bit image (gray, or RGB of shape h×w×3); the TSV rows the
        ``tesseract`` command prints.

        ``variables``: settings for this call only (keys of ``VARIABLE_DEFAULTS``); every
        other call runs with the defaults, as the engine is shared by all pages.
        """
        lib, handle = self._lib, self._handle
        pixels = np.ascontiguousarray(gray, dtype=np.uint8)
        height, width = pixels.shape[:2]
        depth = 1 if pixels.ndim == 2 else pixels.shape[2]
        for name, default in VARIABLE_DEFAULTS.items():
            value = (variables or {}).get(name, default)
            lib.TessBaseAPISetVariable(handle, name.encode(), value.encode())
        lib.TessBaseAPISetPageSegMode(handle, psm)
        lib.TessBaseAPISetImage(handle, pixels.ctypes.data, width, height, depth, width * depth)
        lib.TessBaseAPISetSourceResolution(handle, dpi)
        try:
            if lib.TessBaseAPIRecognize(handle, None) != 0:
                raise OSError("tesseract could not recognise the image")
            raw = lib.TessBaseAPIGetTsvText(handle, 1)
            if not raw:
                return ""
            try:
                return ctypes.string_at(raw).decode("utf-8", "replace")
            finally:
                lib.TessDeleteText(raw)
        finally:
            lib.TessBaseAPIClear(handle)  # drops the image and results, keeps the models

    def orientation(self, gray: np.ndarray, dpi: int) -> tuple[int, float] | None:
        """The page's orientation by Tesseract's OSD (this API loaded with ``osd``): the
        clockwise turn in degrees (0, 90, 180, 270) that makes its text upright, and the
        confidence of that reading; None when OSD finds too little text to tell."""
        lib, handle = self._lib, self._handle
        pixels = np.ascontiguousarray(gray, dtype=np.uint8)
        height, width = pixels.shape[:2]
        lib.TessBaseAPISetPageSegMode(handle, PSM_OSD_ONLY)
        lib.TessBaseAPISetImage(handle, pixels.ctypes.data, width, height, 1, width)
        lib.TessBaseAPISetSourceResolution(handle, dpi)
        degrees, confidence = ctypes.c_int(0), ctypes.c_float(0.0)
        script, script_conf = ctypes.c_char_p(), ctypes.c_float(0.0)
        try:
            found = lib.TessBaseAPIDetectOrientationScript(
                handle,
                ctypes.byref(degrees),
                ctypes.byref(confidence),
                ctypes.byref(script),
                ctypes.byref(script_conf),
            )
        finally:
            lib.TessBaseAPIClear(handle)
        if not found:
            return None
        # the orientation of the text, counter-clockwise; the turn that undoes it
        return (360 - degrees.value) % 360, float(confidence.value)

    def close(self) -> None:
        if self._handle:
            self._lib.TessBaseAPIEnd(self._handle)
            self._lib.TessBaseAPIDelete(self._handle)
            self._handle = None

    def __del__(self) -> None:  # pragma: no cover - interpreter shutdown order varies
        with contextlib.suppress(Exception):
            self.close()


def _forced_cli() -> bool:
    return os.environ.get(ENGINE_ENV, "api").lower() == "cli"


def engine_is_cli() -> bool:
    """Whether OCR runs the ``tesseract`` command (forced, or the library not loadable)."""
    return _forced_cli() or _load_library() is None


def engine(lang: str) -> TessApi | None:
    """This thread's loaded API for ``lang``, or None when the library path is not usable."""
    if _forced_cli():
        return None
    cache: dict[str, TessApi | None] = getattr(_local, "apis", None) or {}
    _local.apis = cache
    if lang in cache:
        return cache[lang]
    lib = _load_library()
    api: TessApi | None = None
    if lib is not None:
        try:
            api = TessApi(lib, lang)
        except OSError as exc:
            log.info("libtesseract unusable for %s (%s); using the tesseract command", lang, exc)
    cache[lang] = api
    return api


def parse_tsv(text: str) -> dict[str, list]:
    """Tesseract's TSV rows (with or without the header line) as columns: the library's
    ``GetTsvText`` and the command's ``tsv`` output alike."""
    keys = (
        "level",
        "page_num",
        "block_num",
        "par_num",
        "line_num",
        "word_num",
        "left",
        "top",
        "width",
        "height",
        "conf",
        "text",
    )
    out: dict[str, list] = {k: [] for k in keys}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) < 11 or parts[0] == "level":
            continue
        parts = parts[:12] + [""] * (12 - len(parts))
        for key, value in zip(keys, parts, strict=True):
            out[key].append(value if key == "text" else _number(value))
    return out


def _number(value: str) -> float | int:
    try:
        return int(value)
    except ValueError:
        try:
            return float(value)
        except ValueError:
            return -1
