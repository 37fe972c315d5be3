"""Declarative rule packs: YAML files of rules built on a fixed set of kinds.

Packs are data. Loading one never runs code: each rule is validated and
compiled into the same `Rule` value a Python rule is.
"""

from replylint.packs.loader import PackError, load_pack, load_packs

__all__ = ["PackError", "load_pack", "load_packs"]
