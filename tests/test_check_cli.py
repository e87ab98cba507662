"""`contactcheck check`: exit codes, output streams, configuration, baselines, demo and rules."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from contactcheck.cli import main
from contactcheck.config import ConfigError, load_config
from tests.conftest import EXAMPLES

STRATEGY = EXAMPLES / "acme" / "strategy.yaml"
DEFECTS = EXAMPLES / "acme" / "defects"
CLEAN = EXAMPLES / "acme" / "clean"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_exit_1_on_errors_and_0_when_failing_on_never() -> None:
    code, out, _ = run("check", str(DEFECTS), "--strategy", str(STRATEGY))
    assert code == 1 and "retired-contact" in out
    code, _, _ = run("check", str(DEFECTS), "--strategy", str(STRATEGY), "--fail-on", "never")
    assert code == 0


def test_fail_on_levels(tmp_path: Path) -> None:
    page = tmp_path / "about.html"
    page.write_text("<html><body><p>Media enquiries: 0161 496 0518</p>"
                    "<p>Complaints: 0808 157 0192, Monday to Friday 9am to 5pm. Relay UK: 18001 0808 157 0192."
                    "</p></body></html>", encoding="utf-8")
    code, out, _ = run("check", str(page), "--strategy", str(STRATEGY), "--format", "json")
    rules = {f["rule"] for f in json.loads(out)["findings"]}
    assert rules == {"unknown-contact"} and code == 0  # a warning does not fail at --fail-on error
    code, _, _ = run("check", str(page), "--strategy", str(STRATEGY), "--fail-on", "warning")
    assert code == 1


def test_json_is_one_document_with_the_spec_shape() -> None:
    code, out, _ = run("check", str(DEFECTS), "--strategy", str(STRATEGY), "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert set(data) >= {"tool", "strategy", "documents", "findings", "summary"}
    finding = data["findings"][0]
    assert set(finding) == {"rule", "clause", "severity", "message", "subject", "expected", "location", "related",
                            "fingerprint", "suppressed"}
    assert all(len(f["fingerprint"]) == 16 for f in data["findings"])
    assert len({f["fingerprint"] for f in data["findings"]}) == len(data["findings"])
    assert data["summary"]["findings"] == len(data["findings"])


def test_invalid_strategy_and_no_input_exit_2(tmp_path: Path) -> None:
    broken = EXAMPLES / "acme" / "strategy-broken" / "unknown-kind.yaml"
    code, _, err = run("check", str(CLEAN), "--strategy", str(broken))
    assert code == 2 and "channels[3].kind" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run("check", str(empty), "--strategy", str(STRATEGY))
    assert code == 2 and "no readable input" in err
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    code, _, err = run("check", str(bad), "--strategy", str(STRATEGY))
    assert code == 2 and "no readable input" in err
    code, _, err = run("check", str(CLEAN), "--strategy", str(STRATEGY), "--select", "no-such-rule")
    assert code == 2 and "no-such-rule" in err


def test_unreadable_file_is_a_finding_and_the_run_goes_on(tmp_path: Path) -> None:
    shutil.copytree(CLEAN / "scripts", tmp_path / "scripts")
    (tmp_path / "scripts" / "broken.pdf").write_bytes(b"%PDF-1.4 broken")
    code, out, _ = run("check", str(tmp_path), "--strategy", str(STRATEGY), "--format", "json")
    findings = json.loads(out)["findings"]
    assert [f["rule"] for f in findings] == ["unreadable-input"] and code == 1


def test_baseline_suppresses_known_findings(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    code, first, _ = run("check", str(DEFECTS), "--strategy", str(STRATEGY), "--write-baseline", str(baseline))
    _, plain, _ = run("check", str(DEFECTS), "--strategy", str(STRATEGY))
    assert code == 1 and baseline.exists() and first == plain  # writing a baseline leaves the run unchanged
    code, out, _ = run("check", str(DEFECTS), "--strategy", str(STRATEGY), "--baseline", str(baseline),
                       "--format", "json")
    data = json.loads(out)
    assert code == 0 and all(f["suppressed"] for f in data["findings"]) and data["summary"]["findings"] == 0
    garbage = tmp_path / "garbage.json"
    garbage.write_text("[1, 2]", encoding="utf-8")
    code, _, err = run("check", str(DEFECTS), "--strategy", str(STRATEGY), "--baseline", str(garbage))
    assert code == 2 and "baseline" in err


def test_select_ignore_and_configuration_file(tmp_path: Path) -> None:
    shutil.copytree(DEFECTS / "scripts", tmp_path / "scripts")
    code, out, _ = run("check", str(tmp_path), "--strategy", str(STRATEGY), "--format", "json", "--select", "5.5")
    assert {f["rule"] for f in json.loads(out)["findings"]} == {"cost-notice-mismatch"}
    (tmp_path / "contactcheck.toml").write_text(
        f'strategy = "{STRATEGY}"\nignore = ["cost-notice-mismatch"]\nfail-on = "never"\n'
        '[severity]\nnear-miss-contact = "info"\n', encoding="utf-8")
    code, out, _ = run("check", str(tmp_path), "--format", "json")
    findings = json.loads(out)["findings"]
    assert code == 0 and "cost-notice-mismatch" not in {f["rule"] for f in findings}
    assert {f["severity"] for f in findings if f["rule"] == "near-miss-contact"} == {"info"}
    code, out, _ = run("check", str(tmp_path), "--format", "json", "--select", "cost-notice-mismatch")
    assert {f["rule"] for f in json.loads(out)["findings"]} == {"cost-notice-mismatch"}


def test_per_path_ignores_and_ignored_paths(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.contactcheck]\nignore-paths = ["*/outbound-sales.txt"]\n'
        '[tool.contactcheck.per-path-ignores]\n"*inbound-service.txt" = ["cost-notice-mismatch"]\n', encoding="utf-8")
    config = load_config(tmp_path / "pyproject.toml")
    assert config.path_ignored("x/outbound-sales.txt")
    assert config.rule_ignored_at("cost-notice-mismatch", "a/inbound-service.txt")
    assert not config.rule_ignored_at("near-miss-contact", "a/inbound-service.txt")


@pytest.mark.parametrize(("text", "words"), [
    ("colour = 1\n", "unknown key"),
    ('[severity]\nretired-contact = "fatal"\n', "severity.retired-contact"),
    ("select = [", "contactcheck.toml"),
])
def test_bad_configuration_is_explained(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "contactcheck.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=words):
        load_config(path)


def test_rules_command_lists_the_catalogue() -> None:
    code, out, _ = run("rules")
    assert code == 0 and "retired-contact" in out and "5.6" in out
    code, out, _ = run("rules", "--verbose")
    assert "Why it matters" in out and "Use instead" in out


def test_demo_exits_0_whatever_it_finds() -> None:
    code, out, _ = run("demo")
    assert code == 0 and "retired-contact" in out and "documents checked" in out
