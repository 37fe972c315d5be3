"""The file edge: bytes in, text out, and atomic writes back.

Only this module and the CLI touch the file system.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path
from typing import NamedTuple

DEFAULT_MAX_BYTES = 64 * 1024 * 1024


class InputError(Exception):
    """A file that cannot be linted; str(error) is the one-line message without the path."""


class TextFile(NamedTuple):
    text: str
    encoding: str = "utf-8"  # utf-8, utf-16-le or utf-16-be
    bom: bool = False
    newline: str = "\n"  # the first line ending seen: "\n" or "\r\n"


_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes) -> TextFile:
    """Decode UTF-8 (with or without a BOM) or BOM-marked UTF-16; refuse anything else."""
    bom, encoding = next(((b, e) for b, e in _BOMS if data.startswith(b)), (b"", "utf-8"))
    body = data[len(bom) :]
    if encoding == "utf-8":
        nul = body.find(b"\0")
        if nul != -1:
            raise InputError(f"binary file, not text (NUL byte at offset {nul + len(bom)})")
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = exc.object[exc.start]
        if encoding == "utf-8":
            raise InputError(f"not UTF-8 text (byte 0x{bad:02x} at offset {exc.start + len(bom)})") from None
        raise InputError(f"not valid {encoding.upper()} text (at offset {exc.start + len(bom)})") from None
    if encoding != "utf-8" and "\0" in text:
        raise InputError("binary file, not text (NUL character)")
    newline = "\r\n" if "\r\n" in text[: text.find("\n") + 1] else "\n"
    return TextFile(text, encoding, bool(bom), newline)


def read_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> TextFile:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            # "1 MB; the limit is 1 MB" would hide by how much: then give the exact size.
            shown = _human(size) if _human(size) != _human(max_bytes) else f"{size} bytes"
            raise InputError(f"file too large ({shown}; the limit is {_human(max_bytes)}, see --max-file-size)")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError("no such file or directory") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise InputError(f"file too large (over {_human(max_bytes)}, see --max-file-size)")
    return decode(data)


def encode(file: TextFile, text: str) -> bytes:
    bom = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}
    prefix = bom[file.encoding] if file.bom else b""
    return prefix + text.encode(file.encoding)


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same directory and a rename; keep the mode."""
    import tempfile

    directory = path.parent
    mode = path.stat().st_mode & 0o7777 if path.exists() else None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".replylint-tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _human(size: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}".replace(".0 ", " ")
        size /= 1024
    return f"{size} bytes"  # pragma: no cover
