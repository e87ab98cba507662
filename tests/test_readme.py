"""The README's quick start: exactly two one-line bash blocks, and CI runs the second one."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def test_quick_start_has_two_commands_and_ci_runs_the_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)```", section, re.S)
    assert len(blocks) == 2 and all(len(b.strip().splitlines()) == 1 for b in blocks), blocks
    main_job, tests = (b.strip() for b in blocks)
    assert main_job.endswith("contactcheck demo")
    assert tests in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
