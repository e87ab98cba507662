"""The comparator: runs the selected rules over a run's documents and turns hits into findings."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from canonical.model import Strategy
from contactcheck.config import Config
from contactcheck.facts import Document
from contactcheck.findings import Finding, fingerprint, severity_rank
from contactcheck.matching import Matcher
from contactcheck.rules import Hit, Rule, load_rules
from contactcheck.rules.context import DocumentContext, RunContext


@dataclass(frozen=True, slots=True)
class Result:
    """Documents read and findings made in one run."""

    documents: tuple[Document, ...]
    findings: tuple[Finding, ...]
    site: str | None


def active_rules(config: Config) -> list[Rule]:
    """The SPEC catalogue (or the configured selection), minus ignored rules; raises KeyError on bad ids."""
    registry = load_rules()
    chosen = registry.select(config.select) if config.select is not None else [r for r in registry if r.catalogue]
    ignored = {r.id for r in registry.select(config.ignore)} if config.ignore else set()
    return [r for r in chosen if r.id not in ignored]


def site_of(documents: Sequence[Document]) -> str | None:
    """The site of a `check` run: the common folder of its web pages."""
    pages = [d.uri for d in documents if d.kind == "html"]
    if not pages:
        return None
    if all(p.startswith(("http://", "https://")) for p in pages):
        return pages[0]
    common = os.path.commonpath([os.path.dirname(p) or "." for p in pages])
    return common or "."


def check(documents: Sequence[Document], strategy: Strategy, config: Config | None = None,
          site: str | None = None) -> Result:
    """Every finding of the active rules over ``documents`` (a site = the HTML pages among them)."""
    config = config or Config()
    rules = active_rules(config)
    matcher = Matcher(strategy)
    contexts = [DocumentContext.build(d, strategy, matcher) for d in documents]
    site = site or site_of(documents)
    run = RunContext(contexts, strategy, site)
    out: list[Finding] = []
    for rule in rules:
        if rule.scope == "document":  # an unreadable document has no facts: only unreadable-input speaks
            for ctx in contexts:
                out.extend(_merge(rule, ctx.document.uri, rule.check(ctx), config))
        else:
            by_doc: dict[str, list[Hit]] = {}
            for item in rule.check(run):
                uri, hit = item
                by_doc.setdefault(str(uri), []).append(hit)
            for uri, hits in by_doc.items():
                out.extend(_merge(rule, uri, hits, config))
    kept = [f for f in out if not config.path_ignored(f.document) and not config.rule_ignored_at(f.rule, f.document)]
    return Result(tuple(documents), tuple(_fingerprinted(kept)), site)


def _merge(rule: Rule, uri: str, hits: Iterable[Hit], config: Config) -> list[Finding]:
    """One finding per (subject, expected) in a document, listing every place (SPEC section 8)."""
    groups: dict[tuple[str | None, str | None, tuple[str, ...], str | None], list[Hit]] = {}
    for hit in hits:
        # hits about another document (inconsistent-documents pairs) stay apart: each pair is a problem
        others = tuple(sorted({r.uri for r in hit.related if r.uri != uri}))
        groups.setdefault((hit.subject, hit.expected, others, hit.group), []).append(hit)
    severity = config.severity_of(rule.id, rule.severity)
    findings: list[Finding] = []
    for (subject, expected, _others, key), group in groups.items():
        places = list(dict.fromkeys(p for hit in group for p in hit.places))
        related = tuple(places[1:]) + tuple(r for hit in group for r in hit.related)
        message = group[0].message
        if len(places) > 1:
            message += f" ({len(places)} places in this document)"
        findings.append(Finding(rule.id, rule.clause, severity, message, subject, expected, places[0],
                                related, document=uri, group=key))
    return findings


def _fingerprinted(findings: list[Finding]) -> list[Finding]:
    seen: set[str] = set()
    out: list[Finding] = []
    ordered = sorted(findings, key=lambda f: (f.document, f.location.page or 0, f.location.line or 0,
                                              severity_rank(f.severity), f.rule, f.subject or ""))
    for finding in ordered:
        others = sorted({r.uri for r in finding.related if r.uri != finding.document})
        extra = [*others, *([finding.group] if finding.group else [])]
        subject = "|".join([finding.subject or "", *extra]) if extra else finding.subject
        value = fingerprint(finding.rule, finding.document, subject, finding.location.region)
        if value in seen:  # the same rule and subject twice in one region: tell them apart by message
            value = fingerprint(finding.rule, finding.document, (finding.subject or "") + finding.message,
                                finding.location.region)
        seen.add(value)
        out.append(replace(finding, fingerprint=value))
    return out


__all__ = ["Result", "active_rules", "check", "site_of"]
