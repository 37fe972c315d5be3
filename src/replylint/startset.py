"""The characters a match can start with, handed to the regular-expression engine's search loop.

CPython's `re` searches fast when a pattern starts with a literal or a character
class: its C loop skips every position whose character cannot start a match and
only runs the pattern where one can. It gives up on that as soon as a pattern
starts with anything else, and every rule token starts with a look-behind (the
word-start check) and most are case-insensitive: the engine then runs the whole
pattern at every position of the text, about 20 ns a character for each token.

`with_start_set` works out, from the parsed pattern, which ASCII characters can
start a match (after look-arounds, optional parts and alternatives), and writes
them into the program's INFO block as the charset the search loop checks. Every
character from U+0080 up is always in the set, so the set is never smaller than
what can match; for ASCII each character is tried against the very part of the
pattern that must match it, compiled with the flags in force there, so case
folding and classes are exactly the engine's own. The charset only decides where
the engine tries the pattern, never what it matches: results are identical
(tests/test_startset.py compares them with `re.compile` on every first-party
pattern and on the corpus-like examples).

This writes CPython's private program format (`re._parser`, `re._compiler`; see
recache.py); anything unexpected leaves the program as it was.
"""

from __future__ import annotations

from typing import Any

_ASCII = 128
_NOT_FOUND = None  # a part whose first characters cannot be worked out: no start set


def with_start_set(code: list[int], parsed: Any, flags: int) -> list[int]:
    """`code` (from `re._compiler._code(parsed, flags)`) with a start charset in its INFO block.

    Returned unchanged when the engine already has a prefix or charset, when a match can be
    empty, or when the first characters cannot be worked out (a back-reference, say).
    """
    try:
        from re import _constants as c

        if not code or code[0] != c.INFO or code[2] != 0 or code[3] == 0:
            return code  # no INFO block, a prefix or charset already, or a match may be empty
        found = _first(list(parsed.data), parsed.state.flags | flags)
        if found is None or found[1]:
            return code
        return _rewritten(code, found[0], c)
    except Exception:  # noqa: BLE001 - a private format that changed: keep the engine's own program
        return code


def ascii_starts(source: str, flags: int = 0) -> frozenset[str] | None:
    """The ASCII characters a match of `source` can start with, as `with_start_set` works them out
    (None: not worked out, or a match may be empty)."""
    from re import _parser

    parsed = _parser.parse(source, flags)
    found = _first(list(parsed.data), parsed.state.flags | flags)
    return None if found is None or found[1] else frozenset(map(chr, found[0]))


def _rewritten(code: list[int], ascii_codes: set[int], c: Any) -> list[int]:
    from re import _compiler

    # A bitmap of the first 256 characters (those ASCII codes, and all of U+0080 to U+00FF), then
    # every character above. (`_optimize_charset` would walk the whole range: 2 ms a pattern.)
    bits = bytearray(1 if i in ascii_codes or i >= _ASCII else 0 for i in range(256))
    charset = [(c.CHARSET, _compiler._mk_bitmap(bits)), (c.RANGE, (256, 0x10FFFF))]
    info = [c.INFO, 0, c.SRE_INFO_CHARSET, code[3], code[4]]
    _compiler._compile_charset(charset, 0, info)
    info[1] = len(info) - 1
    return info + code[1 + code[1] :]


def _first(items: list[tuple[Any, Any]], flags: int) -> tuple[set[int], bool] | None:
    """(ASCII codes a match of the sequence can start with, whether it can match empty)."""
    from re import _constants as c

    starts: set[int] = set()
    for op, av in items:
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            continue  # zero width: the next part starts the match
        if op in (c.LITERAL, c.NOT_LITERAL, c.IN, c.ANY):
            starts |= _ascii_matches((op, av), flags)
            return starts, False
        if op is c.SUBPATTERN:
            _, add, remove, body = av
            found = _first(list(body.data), (flags | add) & ~remove)
        elif op is c.ATOMIC_GROUP:
            found = _first(list(av.data), flags)
        elif op is c.BRANCH:
            found = _branches(av[1], flags)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            least, _, body = av
            inner = _first(list(body.data), flags)
            found = None if inner is None else (inner[0], inner[1] or least == 0)
        else:
            return _NOT_FOUND  # back-references, conditionals: not worked out
        if found is None:
            return _NOT_FOUND
        starts |= found[0]
        if not found[1]:
            return starts, False
    return starts, True


def _branches(branches: list[Any], flags: int) -> tuple[set[int], bool] | None:
    starts: set[int] = set()
    empty = False
    for branch in branches:
        found = _first(list(branch.data), flags)
        if found is None:
            return _NOT_FOUND
        starts |= found[0]
        empty = empty or found[1]
    return starts, empty


def _ascii_matches(item: tuple[Any, Any], flags: int) -> set[int]:
    """The ASCII characters the one-character `item` matches under `flags`, asked of the engine itself."""
    import _sre
    from re import _compiler
    from re import _constants as c

    op, code = item
    if op is c.LITERAL and code < _ASCII and not flags & c.SRE_FLAG_LOCALE:  # most items: no need to ask
        char = chr(code)
        return {ord(char.lower()), ord(char.upper())} if flags & c.SRE_FLAG_IGNORECASE else {code}
    program: list[int] = []
    _compiler._compile(program, [item], flags)
    program.append(c.SUCCESS)
    pattern = _sre.compile("", flags, program, 0, {}, (None,))
    return {i for i in range(_ASCII) if pattern.match(chr(i))}
