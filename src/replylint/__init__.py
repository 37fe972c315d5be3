"""replylint: a communication-quality linter for draft customer-support replies."""

from __future__ import annotations

__version__ = "0.1.0"
