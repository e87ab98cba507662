"""The rule registry: each rule's metadata next to its check, selectable by id or clause."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from contactcheck.rules.context import DocumentContext, Hit, RunContext

DOC_SECTIONS = ("What it checks", "Why it matters", "Example", "Use instead", "Options")


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule: stable id, ISO 18295-2 clause, default severity, one-line summary, docs and its check."""

    id: str
    clause: str
    severity: str
    summary: str
    doc: str
    scope: str  # document | run
    check: Callable[..., Iterable[Any]]
    catalogue: bool = True  # in SPEC section 5 (on by default); False: opt-in

    def section(self, name: str) -> str:
        """The text of one docstring section ("Why it matters", ...)."""
        headings = "|".join(re.escape(h) for h in DOC_SECTIONS)
        pattern = rf"^{re.escape(name)}[^\n]*\n(.*?)(?=^(?:{headings})\b|\Z)"
        match = re.search(pattern, self.doc, re.M | re.S)
        return " ".join(match.group(1).split()) if match else ""


class Registry:
    """Rules by id; refuses duplicates."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}

    def add(self, rule: Rule) -> None:
        if rule.id in self._rules:
            raise ValueError(f"duplicate rule id {rule.id!r}")
        self._rules[rule.id] = rule

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self._rules.values(), key=lambda r: r.id))

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules

    def get(self, rule_id: str) -> Rule:
        return self._rules[rule_id]

    def select(self, selectors: Iterable[str]) -> list[Rule]:
        """Rules whose id or clause (``5.5``) is among ``selectors``; unknown selectors raise KeyError."""
        wanted = list(selectors)
        out = [r for r in self if r.id in wanted or r.clause in wanted]
        unknown = [s for s in wanted if s not in self._rules and not any(r.clause == s for r in self)]
        if unknown:
            raise KeyError(", ".join(unknown))
        return out


REGISTRY = Registry()


def rule(id: str, clause: str, severity: str, summary: str, *, scope: str = "document",
         catalogue: bool = True) -> Callable[[Callable[..., Iterable[Any]]], Callable[..., Iterable[Any]]]:
    """Register the decorated check function as a rule; its docstring is the rule's documentation."""
    def wrap(check: Callable[..., Iterable[Any]]) -> Callable[..., Iterable[Any]]:
        REGISTRY.add(Rule(id, clause, severity, summary, inspect.cleandoc(check.__doc__ or ""), scope, check,
                          catalogue))
        return check
    return wrap


def load_rules() -> Registry:
    """Import every rule module (registration happens on import) and return the registry."""
    from contactcheck.rules import consistency, cost, hours, identity, ivr, presence, scripts, site  # noqa: F401

    return REGISTRY


__all__ = ["REGISTRY", "DocumentContext", "Hit", "Registry", "Rule", "RunContext", "load_rules", "rule"]
