"""Time of `check` (extraction + comparison) against `extract` alone, in the same run.

Usage: python benchmarks/check.py [--repeat 3] [--html 100]
Target: the comparator adds less than 20% to extraction time. Runs over the bundled example
(canonical/examples/acme/defects) and a generated corpus of HTML pages (benchmarks/extract.py).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--html", type=int, default=100)
    args = parser.parse_args()

    import extract as corpus

    from canonical.loader import load_strategy
    from contactcheck.engine import check
    from contactcheck.extraction import extract_paths

    strategy = load_strategy(ROOT / "canonical" / "examples" / "acme" / "strategy.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus.build_html(folder, args.html)
        corpus.build_pdf(folder / "dense.pdf", 50)
        for name, paths in (("example", [ROOT / "canonical" / "examples" / "acme" / "defects"]),
                            ("generated", [folder])):
            extract_times, compare_times = [], []
            findings = 0
            for _ in range(args.repeat):
                start = time.perf_counter()
                documents = extract_paths(paths, strategy.region)
                middle = time.perf_counter()
                findings = len(check(documents, strategy).findings)
                end = time.perf_counter()
                extract_times.append(middle - start)
                compare_times.append(end - middle)
            e, c = min(extract_times), min(compare_times)
            print(f"{name:<10} {len(documents):4d} documents: extract {e:7.3f}s, compare {c:7.3f}s, "
                  f"comparator adds {100 * c / e:5.1f}% (target < 20%), {findings} findings")


if __name__ == "__main__":
    main()
