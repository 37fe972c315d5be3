"""replylint: a communication-quality linter for draft customer-support replies.

>>> from replylint import lint_text
>>> [d.rule for d in lint_text("We will respond per the SLA.")]
['jargon-acronym']
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "lint_text", "build_registry"]


def __getattr__(name: str) -> Any:  # keep `import replylint` free of work
    if name == "lint_text":
        from replylint.api import lint_text

        return lint_text
    if name == "build_registry":
        from replylint.registry import build_registry

        return build_registry
    raise AttributeError(f"module 'replylint' has no attribute {name!r}")
