"""Findings on material that should give none, to count false positives.

Usage: python benchmarks/false_positives.py [--verbose]

1. The example organisation's clean twin against its strategy: every finding is a false positive.
2. Real material from ../shared/corpus (when present) against a permissive strategy: one built from the
   hand labels in tests/fixtures/extract/corpus_labels (every labelled contact listed as a live channel of
   its kind, no hours, no costs, no alternatives, every labelled contact a complaint channel). Identity
   findings on labelled contacts, and any hours/cost/accessibility finding, are false positives by
   construction; the remaining findings are listed for review.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"
LABELS = ROOT / "tests" / "fixtures" / "extract" / "corpus_labels"
CHANNEL_KINDS = ("phone", "relay", "textphone", "email", "webchat", "whatsapp", "sms", "social", "post",
                 "callback", "video")


def permissive_strategy(labels: list[dict[str, object]]) -> str:
    """A strategy listing every labelled contact, with nothing else to check against."""
    from canonical.values import normalise_value

    lines = ["version: 1", "organisation: Corpus (permissive)", "channels:"]
    ids: list[str] = []
    seen: set[tuple[str, str]] = set()
    for label in labels:
        for fact in label.get("facts", []):  # type: ignore[union-attr]
            assert isinstance(fact, dict)
            kind, value = fact.get("kind"), fact.get("value")
            if kind not in CHANNEL_KINDS or not isinstance(value, str) or (kind, value) in seen:
                continue
            try:
                normalise_value(kind, value, None)
            except ValueError:
                continue  # a label of a malformed link target: not something a strategy could list
            seen.add((kind, value))
            ids.append(f"c{len(ids)}")
            lines += [f"  - id: {ids[-1]}", f"    kind: {kind}", f"    value: {json.dumps(value)}",
                      "    purposes: [other]"]
    lines += ["complaints:", f"  channels: [{', '.join(ids)}]"]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()

    from canonical.loader import StrategyError, load_strategy, parse_strategy
    from contactcheck.engine import check
    from contactcheck.extraction import extract_paths
    from extractors.sources import extract_file

    strategy = load_strategy(ROOT / "canonical" / "examples" / "acme" / "strategy.yaml")
    clean = check(extract_paths([ROOT / "canonical" / "examples" / "acme" / "clean"], strategy.region), strategy)
    print(f"clean twin: {len(clean.documents)} documents, {len(clean.findings)} findings (all false positives): "
          f"{dict(Counter(f.rule for f in clean.findings))}")
    if args.verbose:
        for f in clean.findings:
            print(f"  {f.rule:<26} {f.document}: {f.message}")
    if not CORPUS.is_dir():
        print("corpus: ../shared/corpus not present, skipped")
        return
    labels = []
    for path in sorted(LABELS.rglob("*.facts.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        data["_file"] = CORPUS / str(data.get("path") or path.relative_to(LABELS).as_posix()[: -len(".facts.json")])
        labels.append(data)
    try:
        permissive = parse_strategy(permissive_strategy(labels), "permissive.yaml")
    except StrategyError as exc:
        print(f"permissive strategy did not validate:\n{exc}")
        return
    documents = [extract_file(Path(str(label["_file"]))) for label in labels if Path(str(label["_file"])).exists()]
    result = check(documents, permissive)
    by_rule = Counter(f.rule for f in result.findings)
    false = [f for f in result.findings if f.rule in ("near-miss-contact", "retired-contact", "hours-mismatch",
                                                      "cost-notice-mismatch", "accessibility-missing",
                                                      "inconsistent-documents", "tel-link-mismatch")]
    print(f"corpus: {len(documents)} labelled real documents, {len(result.findings)} findings: {dict(by_rule)}")
    print(f"  false positives by construction (identity/comparison rules on listed contacts): {len(false)}")
    unknown = [f for f in result.findings if f.rule in ("unknown-contact", "channel-not-offered")]
    print(f"  unknown-contact/channel-not-offered (each is an extractor false positive or a missed label): "
          f"{len(unknown)}")
    if args.verbose:
        for f in result.findings:
            print(f"  {f.rule:<26} {Path(f.document).name}: {f.message[:140]}")


if __name__ == "__main__":
    main()
