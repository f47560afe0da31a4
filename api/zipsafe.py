"""Reading an uploaded zip without trusting it: no path escapes, no links, no bombs."""

from __future__ import annotations

import io
import posixpath
import stat
import zipfile
from dataclasses import dataclass

from api.errors import ServiceError

#: Names of files that are never documents (OS metadata folders and files).
SKIPPED_PARTS = ("__MACOSX", ".DS_Store", "Thumbs.db", "desktop.ini")


@dataclass(frozen=True)
class Limits:
    """Caps for one archive."""

    max_members: int
    max_total: int
    max_member: int
    max_ratio: float


def _clean_name(name: str) -> str | None:
    """A safe relative POSIX path for a member, or None when it would escape the archive."""
    name = name.replace("\\", "/")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return None
    norm = posixpath.normpath(name)
    if norm.startswith("..") or "/../" in f"/{norm}/" or norm in (".", ""):
        return None
    return norm


def _is_link(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return info.create_system == 3 and stat.S_ISLNK(mode)


def read_zip(data: bytes, limits: Limits) -> list[tuple[str, bytes]]:
    """The regular files of a zip as (relative path, bytes).

    Raises ``ServiceError`` (422) for a corrupt archive, a member whose path leaves
    the archive, a symbolic link, or sizes and ratios beyond the limits.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError) as exc:
        raise ServiceError(422, "corrupt_zip") from exc
    files = [i for i in infos if not i.is_dir()]
    if len(files) > limits.max_members:
        raise ServiceError(422, "unsafe_zip", detail=f"> {limits.max_members} files")
    declared = sum(i.file_size for i in files)
    if declared > limits.max_total:
        raise ServiceError(422, "unsafe_zip", detail=f"{declared} bytes unpacked")
    out: list[tuple[str, bytes]] = []
    total = 0
    for info in files:
        name = _clean_name(info.filename)
        if name is None:
            raise ServiceError(422, "unsafe_zip", detail=f"path {info.filename!r}")
        if _is_link(info):
            raise ServiceError(422, "unsafe_zip", detail=f"symbolic link {info.filename!r}")
        if any(part in SKIPPED_PARTS or part.startswith("._") for part in name.split("/")):
            continue
        if info.file_size > limits.max_member:
            raise ServiceError(422, "unsafe_zip", detail=f"{name}: {info.file_size} bytes")
        if info.compress_size and info.file_size / info.compress_size > limits.max_ratio:
            raise ServiceError(422, "unsafe_zip", detail=f"{name}: compression ratio")
        try:
            # read at most one byte more than declared: a lying header cannot inflate further
            with archive.open(info) as fh:
                content = fh.read(info.file_size + 1)
        except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError) as exc:
            raise ServiceError(422, "corrupt_zip") from exc
        if len(content) > info.file_size:
            raise ServiceError(422, "unsafe_zip", detail=f"{name}: size mismatch")
        total += len(content)
        if total > limits.max_total:
            raise ServiceError(422, "unsafe_zip", detail="total size")
        out.append((name, content))
    return out


def opd_of(paths: list[str]) -> dict[str, str]:
    """The OPD of each path: its first folder, after a folder common to all is dropped."""
    parts = [p.split("/") for p in paths]
    while parts and all(len(p) > 2 for p in parts) and len({p[0] for p in parts}) == 1:
        parts = [p[1:] for p in parts]
    return {path: (p[0] if len(p) > 1 else "") for path, p in zip(paths, parts, strict=True)}
