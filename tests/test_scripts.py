"""Agent-script rules (disguised-sales, post-purchase-channels-missing, written-confirmation-missing): script lines,
the spaCy reading of a call, every case through the real pipeline, and the bundled example."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

import contactcheck.rules
from canonical.loader import load_strategy, parse_strategy
from canonical.model import Strategy
from contactcheck.config import Config
from contactcheck.engine import check
from contactcheck.rules.salescall import compile_pattern, read_call
from extractors.script import script_lines
from extractors.sources import extract_bytes, extract_file
from tests.conftest import EXAMPLES, ROOT

ACME = EXAMPLES / "acme"
CASES = Path(contactcheck.rules.__file__).parent / "cases"
BASE_STRATEGY = CASES / "_strategy.yaml"
SCRIPT_RULES = ("disguised-sales", "post-purchase-channels-missing", "written-confirmation-missing")


def strategy() -> Strategy:
    loaded = load_strategy(ACME / "strategy.yaml")
    return getattr(loaded, "strategy", loaded)


def cases(rule: str) -> list[dict[str, Any]]:
    data: dict[str, Any] = yaml.safe_load((CASES / f"{rule}.yaml").read_text(encoding="utf-8"))
    return list(data["cases"])


# --- script lines ------------------------------------------------------------------------------------------------


def test_script_lines_keep_speaker_notes_and_customer() -> None:
    lines = script_lines("TITLE OF SCRIPT\n[Only call 9am to 8pm.]\n\nAgent: Hello [name], I'm calling.\n"
                         "More from the agent.\nCustomer: Yes.\n## Close\nThanks.\n")
    assert [(ln.line, ln.speaker, ln.heading, ln.customer) for ln in lines] == [
        (1, None, True, False), (2, None, False, False), (4, "Agent", False, False), (5, "Agent", False, False),
        (6, "Customer", False, True), (7, None, True, False), (8, None, False, False)]
    assert lines[1].notes == "Only call 9am to 8pm." and not lines[1].text.strip()
    assert lines[2].notes == "name" and " ".join(lines[2].text.split()) == "Hello , I'm calling."
    labels = script_lines("Agent: Call us.\nPhone: 0306 999 0210\n")
    assert [ln.speaker for ln in labels] == ["Agent", "Agent"]  # a contact label is nobody speaking


def test_documents_of_kind_script_carry_lines_and_ivr_scripts_a_menu() -> None:
    sales = extract_file(ACME / "defects" / "scripts" / "outbound-sales.txt")
    prompts = extract_file(ACME / "defects" / "scripts" / "ivr-prompts.txt")
    assert sales.kind == "script" and sales.lines and sales.menu is None
    assert prompts.kind == "ivr" and not prompts.lines and prompts.menu is not None
    assert "lines" not in sales.to_json() and "menu" not in prompts.to_json()


# --- reading a call ----------------------------------------------------------------------------------------------


def test_compile_pattern() -> None:
    assert compile_pattern("shall|can i go? ahead NUM £ NAME* WORD") == [
        {"LOWER": {"IN": ["shall", "can"]}}, {"LOWER": "i"}, {"LOWER": "go", "OP": "?"}, {"LOWER": "ahead"},
        {"LIKE_NUM": True}, {"ORTH": {"IN": ["£", "$", "€"]}},
        {"TEXT": {"REGEX": r"^(?:[A-Z0-9][\w'-]*|&|\+)$"}, "OP": "*"}, {"IS_ALPHA": True}]


def test_patterns_use_both_spacy_matchers() -> None:
    from contactcheck.rules.salescall import _pipeline

    _nlp, said, notes = _pipeline()
    assert len(said.tokens) > 0 and len(said.phrases) > 0 and len(notes.tokens) > 0


def test_example_call_events_in_script_order() -> None:
    call = read_call(extract_file(ACME / "defects" / "scripts" / "outbound-sales.txt").lines)
    assert call.framing is not None and call.framing.line == 5
    assert call.sale is not None and call.sale.line == 17
    assert call.close is not None and call.close.line == 25
    assert call.financial and call.last_line == 31
    kinds = [e.kind for e in call.events if not e.note]
    assert kinds.index("survey") < kinds.index("offer") < kinds.index("ask") < kinds.index("payment")


@pytest.mark.parametrize(("text", "close"), [
    ("Agent: Our Fix tariff could save you £90. Shall I switch you?\nAgent: That's all done.", True),
    ("Agent: Our Fix tariff could save you £90. If you like, I'll switch you over now.", False),
    ("Agent: Our Fix tariff could save you £90. Shall I switch you?\n"
     "Agent: I'll transfer you to our sales team to set that up.", False),
    ("Agent: Our Fix tariff could save you £90. Shall I switch you?\nAgent: I'll transfer you to sales.\n"
     "Agent: What's your sort code?", False),
    ("Agent: Would you like me to switch you to paperless billing?\nAgent: I've switched you.", False),
    ("Agent: Can I take a payment for your bill? What's the long number on your card?", False),
])
def test_what_closes_a_sale(text: str, close: bool) -> None:
    assert (read_call(script_lines(text)).close is not None) is close


def test_negated_offers_and_customer_lines_do_not_count() -> None:
    call = read_call(script_lines("Agent: I'm not offering you anything today.\n"
                                  "Customer: Can I have it in writing, and could you save me £20?\n"))
    assert call.sale is None and not call.find(("written",))


def test_spacy_is_loaded_only_when_a_script_is_read() -> None:
    code = ("import sys\nfrom contactcheck.rules import load_rules\nload_rules()\n"
            "from extractors.sources import extract_bytes\n"
            "extract_bytes(b'Call us on 0306 999 0210.', 'a.txt', 'GB')\n"
            "assert 'spacy' not in sys.modules, 'spaCy imported early'\n"
            "from contactcheck.rules.salescall import read_call\nfrom extractors.script import script_lines\n"
            "read_call(script_lines('Agent: hello'))\nassert 'spacy' in sys.modules\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


# --- every case through the real pipeline ------------------------------------------------------------------------


@pytest.mark.parametrize("rule", SCRIPT_RULES)
def test_script_cases_through_the_pipeline(rule: str) -> None:
    strategy_text = BASE_STRATEGY.read_text(encoding="utf-8")
    base = parse_strategy(strategy_text, "<cases>")
    wrong = []
    for case in cases(rule):
        document = extract_bytes(case["material"].encode("utf-8"), case["file"], base.region)
        assert document.kind == "script", case["name"]
        findings = check([document], base, Config(select=(rule,))).findings
        if bool(findings) != case["fails"] or len(findings) > 1:
            wrong.append(f"{case['name']}: fails={case['fails']}, found {[f.message for f in findings]}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("rule", SCRIPT_RULES)
def test_script_cases_are_many_and_varied(rule: str) -> None:
    found = cases(rule)
    failing = [c for c in found if c["fails"]]
    assert len(failing) >= 20 and len(found) - len(failing) >= 20
    assert len({c["material"].split("\n", 1)[0] for c in found}) == len(found)  # no two scripts open alike
    assert any(c["file"].endswith(".md") for c in failing)


def test_genuine_surveys_and_confirmation_before_the_close_pass() -> None:
    by_name = {c["name"]: c for c in cases("disguised-sales")}
    assert not by_name["engineer visit satisfaction survey with no offer"]["fails"]
    written = {c["name"]: c for c in cases("written-confirmation-missing")}
    assert not written["insurance with written confirmation promised before the close"]["fails"]


# --- the bundled example -----------------------------------------------------------------------------------------


def test_example_planted_script_defects_point_at_their_lines() -> None:
    documents = [extract_file(p) for p in sorted((ACME / "defects" / "scripts").glob("*.txt"))]
    findings = check(documents, strategy(), Config(select=SCRIPT_RULES)).findings
    got = {f.rule: (f.document.rsplit("/", 1)[-1], f.location.line, [r.line for r in f.related]) for f in findings}
    assert got == {
        "disguised-sales": ("outbound-sales.txt", 5, [17]),
        "post-purchase-channels-missing": ("outbound-sales.txt", 25, [17, 31]),
        "written-confirmation-missing": ("outbound-sales.txt", 25, [17, 31]),
    }
    assert all(f.subject is None for f in findings)
    disguised = next(f for f in findings if f.rule == "disguised-sales")
    assert "carrying out a quick survey" in disguised.message and "save with our Fix & Save 24" in disguised.message


def test_example_clean_twin_is_silent_for_script_and_ivr_rules() -> None:
    documents = [extract_file(p) for p in sorted((ACME / "clean").rglob("*"))
                 if p.is_file() and p.suffix in (".txt", ".yaml", ".md")]
    rules = (*SCRIPT_RULES, "ivr-breakout-missing")
    assert check(documents, strategy(), Config(select=rules)).findings == ()
