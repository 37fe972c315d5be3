"""The file edge: bytes in, text out, and atomic writes back.

Only this module and the CLI touch the file system.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple

DEFAULT_MAX_BYTES = 64 * 1024 * 1024


class InputError(Exception):
    """A file that cannot be linted; str(error) is the one-line message without the path."""


class TextFile(NamedTuple):
    text: str
    encoding: str = "utf-8"  # utf-8, utf-16-le or utf-16-be
    bom: bool = False
    newline: str = "\n"  # the first line ending seen: "\n", "\r\n" or "\r" (an old Mac file)
    stamp: tuple[int, int, int] | None = None  # read from a file: its (inode, size, mtime ns) before reading


def reason(exc: OSError) -> str:
    """An OSError in a few words for a one-line message: "permission denied", else the system's own."""
    return "permission denied" if isinstance(exc, PermissionError) else exc.strerror or str(exc)


def stamp_of(info: os.stat_result) -> tuple[int, int, int]:
    """What `--fix` compares to see that a file changed after it was read."""
    return (info.st_ino, info.st_size, info.st_mtime_ns)


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
        _no_nul(body, len(bom))
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding == "utf-8":
            raise _not_utf8(exc, len(bom)) from None
        raise InputError(f"not valid {encoding.upper()} text (at offset {exc.start + len(bom)})") from None
    if encoding != "utf-8" and "\0" in text:
        raise InputError("binary file, not text (NUL character)")
    return TextFile(text, encoding, bool(bom), _first_newline(text))


def _first_newline(text: str) -> str:
    lf, cr = text.find("\n"), text.find("\r")
    if cr == -1 or (lf != -1 and lf < cr):
        return "\n"
    return "\r\n" if text.startswith("\r\n", cr) else "\r"


def read_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> TextFile:
    """Read and decode a file, refusing one over `max_bytes` before reading it (by its size on disk)."""
    try:
        info = path.stat()
        size = info.st_size
        if size > max_bytes:
            # "1 MB; the limit is 1 MB" would hide by how much: then give the exact size.
            shown = _human(size) if _human(size) != _human(max_bytes) else f"{size} bytes"
            raise InputError(f"file too large ({shown}; the limit is {_human(max_bytes)}, see --max-file-size)")
        with path.open("rb") as handle:
            data = read_bounded(handle, max_bytes, size)
    except FileNotFoundError:
        raise InputError("no such file or directory") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror or exc})") from None
    try:
        return decode(data)._replace(stamp=stamp_of(info))
    except MemoryError:
        raise InputError(f"not enough memory to read this file ({_human(size)})") from None


BLOCK_BYTES = 1 << 20  # read_blocks reads about this much at a time


def read_blocks(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, size: int = BLOCK_BYTES) -> Iterator[str]:
    """A UTF-8 file's text a block of about `size` bytes at a time, each block but the last ending
    at a line end (LF, or a CR not followed by LF), so that a large file is never held whole
    (bytes and text at once took about five times its size).

    Problems raise read_text's InputError, with the same message: a NUL byte anywhere is named
    before bytes that are not UTF-8, each by its first offset in the file. A UTF-16 file (marked
    by its BOM) comes as one block.
    """
    try:
        if path.stat().st_size > max_bytes:
            read_text(path, max_bytes)  # raises read_text's own message
        handle = path.open("rb")
    except OSError:
        yield read_text(path, max_bytes).text  # raises read_text's own message (or the file is back)
        return
    with handle:
        try:
            data = handle.read(max(size, 4))  # a byte-order mark whole
            if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                yield read_text(path, max_bytes).text
                return
            total = len(data)
            offset = 0  # where `data` starts in the file
            if data.startswith(codecs.BOM_UTF8):
                offset = len(codecs.BOM_UTF8)
                data = data[offset:] or handle.read(size)
                total += len(data)
            head = b""  # the start of a line the next read finishes
            while data:
                more = handle.read(size)  # b"" at the end
                total += len(more)
                if total > max_bytes:
                    raise _over_limit(max_bytes)
                _no_nul(data, offset)
                buffer, start = head + data, offset - len(head)
                cut = _line_end(buffer) if more else len(buffer)
                try:
                    block = buffer[:cut].decode("utf-8")
                except UnicodeDecodeError as exc:
                    _no_nul(more, offset + len(data))  # a NUL anywhere is named first, as read_text does
                    at = offset + len(data) + len(more)
                    while rest := handle.read(size):
                        _no_nul(rest, at)
                        at += len(rest)
                    raise _not_utf8(exc, start) from None
                if cut:
                    yield block
                head, data, offset = buffer[cut:], more, offset + len(data)
        except OSError as exc:
            raise InputError(f"cannot read file ({exc.strerror or exc})") from None


def _no_nul(data: bytes, offset: int) -> None:
    """InputError for the first NUL byte of UTF-8 `data`, which starts `offset` bytes into the file."""
    nul = data.find(b"\0")
    if nul != -1:
        raise InputError(f"binary file, not text (NUL byte at offset {offset + nul})")


def _not_utf8(exc: UnicodeDecodeError, offset: int) -> InputError:
    """The error for bytes that are not UTF-8, decoded from `offset` bytes into the file."""
    return InputError(f"not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset {offset + exc.start})")


def _over_limit(max_bytes: int) -> InputError:
    """The error for a file, a pipe or stdin found longer than the limit while it is read."""
    return InputError(f"file too large (over {_human(max_bytes)}, see --max-file-size)")


def _line_end(data: bytes) -> int:
    """Where the last whole line of `data` ends (0: none yet): after its last LF, or after a CR that
    a byte other than LF follows (a lone CR never waits for the next block to know it)."""
    lf = data.rfind(b"\n")
    cr = data.rfind(b"\r", lf + 1, len(data) - 1)
    return max(lf, cr) + 1


def read_bounded(handle: BinaryIO, max_bytes: int = DEFAULT_MAX_BYTES, size: int = 0) -> bytes:
    """All of `handle` (a file, a pipe, stdin), or InputError once it passes `max_bytes`.

    Buffers grow with what is there (`size` is the expected size, 0 if unknown), never to the
    limit itself: a limit of many gigabytes costs nothing on a small file.
    """
    parts: list[bytes] = []
    total = 0
    want = size + 1 if size > 0 else 1 << 16
    try:
        while total <= max_bytes:
            chunk = handle.read(min(want, max_bytes + 1 - total))
            if not chunk:
                break
            parts.append(chunk)
            total += len(chunk)
            # A read that got all it asked for may have more to come: read on in bigger steps.
            # One that got less is usually at the end: a small read confirms it (a large one
            # costs an allocation of its full size, for nothing, on every file).
            want = max(want, 1 << 20) if len(chunk) == want else 1 << 12
        data = parts[0] if len(parts) == 1 else b"".join(parts)
    except MemoryError:
        raise InputError(f"not enough memory to read this file{f' ({_human(size)})' if size else ''}") from None
    if total > max_bytes:
        raise _over_limit(max_bytes)
    return data


def encode(file: TextFile, text: str) -> bytes:
    """`text` in the file's encoding, with its byte-order mark.

    A file that used only CRLF line endings keeps them: a bare LF that a fix brought in becomes CRLF.
    So does one that used only CRs (an old Mac file): a LF a fix brought in becomes CR.
    """
    if file.newline == "\r\n" and "\n" in text and "\n" not in file.text.replace("\r\n", ""):
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    elif file.newline == "\r" and "\n" in text and "\n" not in file.text:
        text = text.replace("\r\n", "\r").replace("\n", "\r")
    bom = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}
    prefix = bom[file.encoding] if file.bom else b""
    return prefix + text.encode(file.encoding)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace the contents of `path` with `data` so that a reader sees either the old or the new file.

    The data goes to a temporary file in the same folder, is flushed to disk, gets the
    original's permission bits (and owner, where allowed), and is then renamed over the
    original. A link is followed, so the link stays and its target is replaced. On any
    failure the temporary file is removed and the original is untouched.
    """
    import tempfile

    target = Path(os.path.realpath(path))
    try:
        info: os.stat_result | None = target.stat()
    except FileNotFoundError:
        info = None
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".replylint-tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if info is not None:
            os.chmod(tmp, info.st_mode & 0o7777)
            _keep_owner(tmp, info)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _sync_folder(target.parent)


def _keep_owner(tmp: str, info: os.stat_result) -> None:
    """Give the temporary file the original's owner and group when they differ and that is allowed."""
    chown = getattr(os, "chown", None)
    if chown is None:  # pragma: no cover - Windows
        return
    current = os.stat(tmp)
    if (current.st_uid, current.st_gid) == (info.st_uid, info.st_gid):
        return
    try:
        chown(tmp, info.st_uid, info.st_gid)
    except OSError:
        try:  # a user who may not give the file away may still keep its group
            chown(tmp, -1, info.st_gid)
        except OSError:
            pass
        os.chmod(tmp, info.st_mode & 0o7777)  # chown may clear set-id bits


def _sync_folder(folder: Path) -> None:
    """Flush the rename to disk (best effort: not every system can open a folder)."""
    flags = getattr(os, "O_DIRECTORY", None)
    if flags is None:  # pragma: no cover - Windows
        return
    try:
        fd = os.open(folder, os.O_RDONLY | flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _human(size: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}".replace(".0 ", " ")
        size /= 1024
    return f"{size} bytes"  # pragma: no cover
