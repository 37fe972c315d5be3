"""The atheris harness: one target of fuzz/targets.py under libFuzzer.

    python fuzz/fuzz_replylint.py --target lint [--keep-going --findings DIR] [libFuzzer flags] [corpus dirs]

libFuzzer flags pass through (-runs=N, -max_len=N, -timeout=10, -rss_limit_mb=N, ...).
Without --keep-going the first finding stops the run and libFuzzer saves the input
(crash-<sha1>, under -artifact_prefix). With --keep-going a finding is recorded
in DIR (the input, and the traceback once per distinct finding), a line
`FINDING <signature>` goes to stderr, and fuzzing goes on; an input slower than
--slow seconds is recorded the same way (`SLOW <seconds>`). A hang past
-timeout still stops the run (libFuzzer saves it as timeout-<sha1>).

fuzz/run.py runs every target for a fixed number of iterations and sums up.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time
import traceback
from pathlib import Path

TARGET_NAMES = ("parse", "lint", "fix", "decode", "config", "packs")
INSTRUMENTED = ["replylint"]  # markdown_it and yaml as well: 3-4 times slower per input


def _import_everything() -> None:
    """Import every replylint module now (inside the instrumentation), not lazily later."""
    import importlib
    import pkgutil

    import replylint

    for module in pkgutil.walk_packages(replylint.__path__, "replylint."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    import markdown_it  # noqa: F401
    import yaml  # noqa: F401


def _load_targets():  # type: ignore[no-untyped-def]
    import importlib.util

    spec = importlib.util.spec_from_file_location("fuzz_targets", Path(__file__).with_name("targets.py"))
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["fuzz_targets"] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _signature(exc: BaseException) -> str:
    """What makes two findings the same: the exception type and the deepest replylint frame
    (for a broken invariant, its message up to the first quote or digit)."""
    name = type(exc).__name__
    if name == "Broken":
        message = str(exc)
        cut = min((message.find(c) for c in "'\"0123456789(" if c in message), default=len(message))
        return f"Broken: {message[:cut].strip()}"
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/replylint/" in f.filename]
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    return f"{name} at {where}"


def main() -> None:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--target", required=True, choices=TARGET_NAMES)
    parser.add_argument("--keep-going", action="store_true")
    parser.add_argument("--findings", type=Path, default=Path("fuzz-findings"))
    parser.add_argument("--slow", type=float, default=1.0)
    parser.add_argument("--instrument", default=",".join(INSTRUMENTED), help="packages to instrument for coverage")
    args, rest = parser.parse_known_args()
    os.environ.setdefault("REPLYLINT_CACHE_DIR", "")  # no compiled-pattern cache on disk while fuzzing

    import atheris

    with atheris.instrument_imports(include=args.instrument.split(",")):
        _import_everything()
    targets = _load_targets()
    targets.registry()  # build the rules once, before the first input
    function = targets.TARGETS[args.target]
    seen: set[str] = set()
    if args.keep_going:
        args.findings.mkdir(parents=True, exist_ok=True)

    def record(kind: str, data: bytes, detail: str) -> None:
        digest = hashlib.sha1(data).hexdigest()[:16]
        (args.findings / f"{kind}-{digest}.bin").write_bytes(data)
        (args.findings / f"{kind}-{digest}.txt").write_text(detail + "\n", encoding="utf-8")

    def one_input(data: bytes) -> None:
        start = time.perf_counter()
        try:
            function(data)
        except Exception as exc:
            if not args.keep_going:
                raise
            signature = _signature(exc)
            if signature not in seen:
                print(f"FINDING {signature}", file=sys.stderr, flush=True)
                record("finding", data, signature + "\n" + "".join(traceback.format_exception(exc)))
                seen.add(signature)
            return
        elapsed = time.perf_counter() - start
        if elapsed > args.slow and args.keep_going:
            print(f"SLOW {elapsed:.2f} s", file=sys.stderr, flush=True)
            record("slow", data, f"{elapsed:.2f} s")

    atheris.Setup([sys.argv[0], *rest], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
