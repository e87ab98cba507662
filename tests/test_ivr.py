"""IVR readers (SPEC section 7 files, plain-text prompt scripts, Amazon Connect and Twilio Studio flows), the
IVR rules and `contactcheck ivr`.

The readers are tested on the tree they build (keys, labels, actions, levels, lines); the rules through the
real pipeline (``extract_bytes`` then ``engine.check``) on their case files and on the bundled example.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

import contactcheck.rules
from canonical.loader import load_strategy, parse_strategy
from canonical.model import Strategy
from contactcheck.config import Config
from contactcheck.engine import check
from contactcheck.facts import Document
from contactcheck.ivr_cli import ivr
from contactcheck.menu import Menu, Option, key_path, menus
from contactcheck.rules.ivr import breakout_failures, offers_breakout
from extractors.ivr import IvrError, is_ivr_json, read_ivr
from extractors.ivr_text import find_options, infer_action, read_prompt_script
from extractors.sources import extract_bytes, extract_file
from tests.conftest import EXAMPLES, ROOT

ACME = EXAMPLES / "acme"
FIXTURES = ROOT / "tests" / "fixtures" / "ivr"
CASES = Path(contactcheck.rules.__file__).parent / "cases"
BASE_STRATEGY = CASES / "_strategy.yaml"
IVR_RULES = ("ivr-breakout-missing", "ivr-queue-callback-missing")


def strategy() -> Strategy:
    loaded = load_strategy(ACME / "strategy.yaml")
    return getattr(loaded, "strategy", loaded)


def shape(menu: Menu | None) -> list[tuple[str, int, list[tuple[str, str | None]]]]:
    """(key path, level, [(key, action)]) of every menu: the tree as a reviewer reads it."""
    assert menu is not None
    return [(key_path(path), level, [(o.key, o.action) for o in m.options]) for path, level, m in menus(menu)]


def at(menu: Menu | None, path: str) -> Menu:
    assert menu is not None
    for found, _level, m in menus(menu):
        if key_path(found) == path:
            return m
    raise AssertionError(f"no menu {path!r}")


def option(menu: Menu, key: str) -> Option:
    return next(o for o in menu.options if o.key == key)


# --- the SPEC section 7 format --------------------------------------------------------------------------------


def test_spec_yaml_reads_the_example_tree_with_levels_and_lines() -> None:
    definition = read_ivr((ACME / "defects" / "ivr" / "main-line.ivr.yaml").read_bytes(), "GB")
    assert definition.format == "spec" and definition.name == "Northwind Energy main line"
    assert definition.number == ("0306 999 0210", 3)
    tree = shape(definition.menu)
    assert tree[0] == ("", 1, [("1", None), ("2", None), ("3", None), ("4", None)])
    assert ("1>3", 3, [("1", "self-service"), ("2", "message")]) in tree
    assert ("4", 2, [("1", "agent"), ("2", "callback")]) in tree
    assert option(at(definition.menu, "1"), "3").line == 17
    assert at(definition.menu, "1>3").line == 20


def test_spec_json_is_read_with_lines() -> None:
    data = json.dumps({"name": "Line", "menu": {"prompt": "Welcome.", "options": [
        {"key": 1, "label": "Billing", "action": "self-service"},
        {"key": "0", "label": "Adviser", "action": "agent"}]}}, indent=2).encode()
    document = extract_bytes(data, "line.ivr.json", "GB")
    assert document.error is None and document.kind == "ivr"
    assert document.menu is not None and [o.key for o in document.menu.options] == ["1", "0"]
    assert document.menu.options[1].line is not None and document.menu.options[1].line > 1


@pytest.mark.parametrize(("text", "line", "path", "words"), [
    ("menu:\n  prompt: Hi\n  options:\n    - {key: '1', label: Billing, action: agnet}\n", 4,
     "menu.options[0].action", "unknown action"),
    ("menu:\n  options:\n    - {key: '1', action: agent}\n    - {key: '1', action: agent}\n", 4,
     "menu.options[1].key", "offered twice"),
    ("menu:\n  options:\n    - {key: '1', label: Billing}\n", 3, "menu.options[0]", "needs an `action` or a `menu`"),
    ("name: x\nmenus:\n  prompt: Hi\n", 2, "menus", "unknown key"),
    ("name: x\n", 1, "menu", "missing"),
    ("number: '12'\nmenu:\n  prompt: Hi\n", 1, "number", "not a phone number"),
    ("menu:\n  options:\n    - {label: Billing, action: agent}\n", 3, "menu.options[0].key", "missing"),
])
def test_spec_validation_names_line_and_field(text: str, line: int, path: str, words: str) -> None:
    with pytest.raises(IvrError) as caught:
        read_ivr(text.encode(), "GB")
    assert any(p.line == line and p.path == path and words in p.message for p in caught.value.problems), \
        caught.value.problems


def test_spec_validation_lists_every_problem_and_the_file_is_unreadable() -> None:
    text = ("menu:\n  prompt: Hi\n  colour: red\n  options:\n    - {key: '1', action: agnet}\n"
            "    - {key: '2', label: x}\n")
    with pytest.raises(IvrError) as caught:
        read_ivr(text.encode())
    assert [p.line for p in caught.value.problems] == [3, 5, 6]
    document = extract_bytes(text.encode(), "bad.ivr.yaml", "GB")
    assert document.error is not None and "3 problems" in document.error and "line 5" in document.error
    findings = check([document], strategy(), Config(select=("unreadable-input",))).findings
    assert [f.rule for f in findings] == ["unreadable-input"]


def test_invalid_yaml_gives_its_line() -> None:
    with pytest.raises(IvrError) as caught:
        read_ivr(b"menu:\n  prompt: [unclosed\n")
    assert caught.value.problems[0].line >= 2


# --- platform flows ----------------------------------------------------------------------------------------


def test_connect_flow_is_walked_into_menus() -> None:
    definition = read_ivr((FIXTURES / "connect-main-line.json").read_bytes())
    assert definition.format == "connect" and definition.name == "Northwind main line"
    menu = definition.menu
    assert menu is not None
    # the hours check is followed along its in-hours branch; the welcome is part of the top prompt
    assert menu.prompt.startswith("Welcome to Northwind Energy.") and "press 3" in menu.prompt
    assert shape(menu) == [
        ("", 1, [("1", None), ("2", "agent"), ("3", None)]),
        ("1", 2, [("1", "transfer"), ("0", "agent"), ("timeout", "agent")]),
        ("3", 2, [("1", None), ("2", None)]),
        ("3>1", 3, [("1", "self-service"), ("2", "message")]),
        ("3>2", 3, [("1", "message"), ("2", "callback")]),
    ]
    assert option(menu, "1").label == "bills and payments"
    assert at(menu, "3>2").line == 162
    assert "<break" not in json.dumps([t for t, *_ in definition.texts])


def test_connect_flow_inside_an_api_answer_is_read() -> None:
    flow = (FIXTURES / "connect-main-line.json").read_text(encoding="utf-8")
    wrapped = json.dumps({"ContactFlow": {"Name": "Main", "Type": "CONTACT_FLOW", "Content": flow}}).encode()
    definition = read_ivr(wrapped)
    assert definition.format == "connect" and shape(definition.menu)[0][0] == ""


def test_connect_legacy_export_is_read() -> None:
    definition = read_ivr((FIXTURES / "connect-legacy-main-line.json").read_bytes())
    assert definition.format == "connect-legacy"
    assert shape(definition.menu) == [
        ("", 1, [("1", None), ("2", None)]),
        ("1", 2, [("1", "transfer"), ("0", "agent"), ("timeout", "agent")]),
        ("2", 2, [("1", "message"), ("2", "message")]),
    ]


def test_twilio_flow_is_read_through_its_splits() -> None:
    definition = read_ivr((FIXTURES / "twilio-main-line.json").read_bytes())
    assert definition.format == "twilio" and definition.name == "Northwind main line"
    menu = definition.menu
    assert shape(menu) == [
        ("", 1, [("1", None), ("2", None), ("3", "agent")]),  # "say billing" goes where 1 goes: one option
        ("1", 2, [("1", "self-service"), ("0", "agent"), ("timeout", "agent")]),
        ("2", 2, [("1", "self-service"), ("2", "message"), ("*", "repeat")]),
    ]
    assert option(at(menu, "2"), "*").label == "go back to the main menu"


def test_twilio_data_entry_is_no_menu() -> None:
    flow = {"description": "Cards", "initial_state": "Trigger", "states": [
        {"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingCall", "next": "main"}]},
        {"name": "main", "type": "gather-input-on-call", "transitions": [{"event": "keypress", "next": "split"}],
         "properties": {"say": "Press 1 for your account. Press 0 to talk to a customer representative."}},
        {"name": "split", "type": "split-based-on", "properties": {"input": "{{widgets.main.Digits}}"}, "transitions": [
            {"event": "match", "next": "pin", "conditions": [{"type": "equal_to", "value": "1"}]},
            {"event": "match", "next": "person", "conditions": [{"type": "equal_to", "value": "0"}]}]},
        {"name": "pin", "type": "gather-input-on-call", "transitions": [{"event": "keypress", "next": "check"}],
         "properties": {"say": "Please enter the last 4 digits of your card.", "number_of_digits": 4}},
        {"name": "check", "type": "split-based-on", "properties": {"input": "{{widgets.pin.Digits}}"}, "transitions": [
            {"event": "noMatch", "next": "pin"},
            {"event": "match", "next": "account", "conditions": [{"type": "equal_to", "value": "1212"}]}]},
        {"name": "account", "type": "gather-input-on-call", "transitions": [{"event": "keypress", "next": "bal"}],
         "properties": {"say": "Press any key to hear your balance."}},
        {"name": "bal", "type": "say-play", "properties": {"say": "Your balance is 20 dollars."}},
        {"name": "person", "type": "connect-call-to", "properties": {"noun": "number", "to": "+12025550143"}}]}
    menu = read_ivr(json.dumps(flow, indent=1).encode()).menu
    # the PIN is typed in on the way to the account menu; an outside number offered as a person is an agent
    assert shape(menu) == [("", 1, [("1", None), ("0", "agent")]), ("1", 2, [("any key", "message")])]


def test_flow_facts_come_from_the_prompts_with_lines(tmp_path: Path) -> None:
    path = tmp_path / "main.ivr.json"
    path.write_bytes((FIXTURES / "twilio-main-line.json").read_bytes())
    document = extract_file(path, "GB")
    hours = [f for f in document.facts if f.kind == "hours"]
    assert [h.value for h in hours] == ["Mo-Fr 08:00-20:00; Sa 09:00-17:00"]
    assert hours[0].location.line == 23  # the line of the "say" text
    assert any(f.kind == "cost" for f in document.facts)


@pytest.mark.parametrize(("data", "expected"), [
    ((FIXTURES / "connect-main-line.json").read_bytes(), True),
    ((FIXTURES / "connect-legacy-main-line.json").read_bytes(), True),
    ((FIXTURES / "twilio-main-line.json").read_bytes(), True),
    (b'{"menu": {"prompt": "Hi", "options": []}}', True),
    (b'{"name": "my-app", "version": "1.0.0", "dependencies": {}}', False),
    (b'{"states": "not a flow"}', False),
    (b"not json", False),
])
def test_ivr_json_is_recognised_by_content(data: bytes, expected: bool) -> None:
    assert is_ivr_json(data) is expected


# --- plain-text prompt scripts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("Press 1 for bills and payments.", [("1", "bills and payments")]),
    ("For billing, press 1. For faults, press 2.", [("1", "billing"), ("2", "faults")]),
    ("Welcome. Press 1 for sales, 2 for support.", [("1", "sales"), ("2", "support")]),
    ("Press 1 for English, 2 for French or 3 to leave a voicemail.",
     [("1", "English"), ("2", "French"), ("3", "leave a voicemail")]),
    ("For car insurance press 1, for home insurance press 2.", [("1", "car insurance"), ("2", "home insurance")]),
    ("To speak to an adviser, please press 0, or stay on the line.", [("0", "speak to an adviser")]),
    ("Please choose one of the following. Press one for billing, or press star to repeat.",
     [("1", "billing"), ("*", "repeat")]),
    ("Press 1 or say leasing for leasing information. Press 0 to speak with an operator.",
     [("1", "leasing information"), ("0", "speak with an operator")]),
    ("Call 0808 157 0192 or dial 999 in an emergency.", []),
])
def test_options_in_prompt_text(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(o.key, o.label) for o in find_options(text)] == expected


def test_any_time_is_noted() -> None:
    found = find_options("Press 0 at any time to speak to an adviser.")
    assert [(o.key, o.label, o.any_time) for o in found] == [("0", "speak to an adviser", True)]


@pytest.mark.parametrize(("label", "action"), [
    ("speak to an adviser", "agent"), ("talk to our billing team", "agent"), ("request a call back", "callback"),
    ("pay a bill using our automated service", "self-service"), ("hear our opening hours", "message"),
    ("return to the main menu", "repeat"), ("leave a voicemail", "voicemail"), ("bills and payments", None),
    ("speak to our automated assistant", "self-service"),
])
def test_action_from_what_the_caller_is_told(label: str, action: str | None) -> None:
    assert infer_action(label) == action


def test_prompt_script_headings_give_menus_by_key_path() -> None:
    document = extract_file(ACME / "defects" / "scripts" / "ivr-prompts.txt", "GB")
    assert document.kind == "ivr"
    tree = shape(document.menu)
    assert tree[0] == ("", 1, [("1", None), ("2", None), ("3", None), ("4", None), ("0", "agent")])
    assert ("4", 2, [("1", "agent"), ("0", "agent")]) in tree
    assert at(document.menu, "").line == 5 and at(document.menu, "1").line == 14


def test_prompt_script_indented_lists_nest() -> None:
    text = ("Welcome to Acme Broadband.\n- Press 1 for billing\n    - Press 1 to pay your bill\n"
            "    - Press 2 if you're on a payment plan\n        - Press 1 to hear your next payment date\n"
            "    - Press 0 to speak to an adviser\n- Press 2 for technical support\n")
    assert shape(read_prompt_script(text)) == [
        ("", 1, [("1", None), ("2", None)]),
        ("1", 2, [("1", "self-service"), ("2", None), ("0", "agent")]),
        ("1>2", 3, [("1", "self-service")]),
    ]


def test_prompt_script_markdown_sections_match_option_labels() -> None:
    text = ('# Water IVR\n\n## Main menu\n"For billing, press 1. To report a leak, press 2."\n\n'
            '## Report a leak\n"If water is leaking inside your home, press 1. If it\'s in the street, press 2."\n')
    assert shape(read_prompt_script(text)) == [("", 1, [("1", None), ("2", None)]),
                                               ("2", 2, [("1", None), ("2", None)])]


def test_any_time_key_is_offered_in_every_menu_below() -> None:
    text = ("Welcome. Press 0 at any time to speak to an adviser.\nPress 1 for breakdowns.\n"
            "    Press 1 to book online.\n    Press 2 to hear safety advice.\n")
    menu = read_prompt_script(text)
    assert option(at(menu, "1"), "0").action == "agent"
    assert option(at(menu, "1"), "0").label.endswith("(at any time)")


def test_text_without_key_presses_has_no_tree() -> None:
    assert read_prompt_script("Welcome to Acme. Our lines are open 8 to 6.") is None


# --- the rules -------------------------------------------------------------------------------------------------


def menu_of(*options: Option, prompt: str = "") -> Menu:
    return Menu(prompt, options, 1)


@pytest.mark.parametrize(("prompt", "offers"), [
    ("Or stay on the line to speak to an adviser.", True),
    ("To speak to someone, stay on the line.", True),
    ("Say 'agent' at any time.", True),
    ("You can press 0 to talk to our team.", True),
    ("For a call back, press 9.", True),
    ("Please stay on the line while we check your account.", False),
    ("Our advisers are busy. Please call back later.", False),
])
def test_prompts_that_offer_a_person(prompt: str, offers: bool) -> None:
    assert offers_breakout(menu_of(Option("1", "Pay", "self-service"), prompt=prompt)) is offers


def test_breakout_reads_levels_and_the_first_offering_menu() -> None:
    leaf = menu_of(Option("1", "Pay", "self-service"))
    deep = menu_of(Option("1", "More", None, menu_of(Option("1", "Pay", "self-service"), Option("2", "x", None, leaf))))
    top = menu_of(Option("1", "Billing", None, deep), Option("2", "Faults", None,
                                                               menu_of(Option("0", "Adviser", "agent"),
                                                                       Option("1", "Tips", None, leaf))))
    failures = breakout_failures(top, 3)
    assert [(key_path(f.path), f.level, f.first is not None) for f in failures] == [("1>1", 3, False),
                                                                                    ("2>1", 3, True)]
    assert [key_path(f.path) for f in breakout_failures(top, 2)] == ["1", "2>1"]


def run_case_file(rule: str) -> list[tuple[str, bool, list[str], list[str]]]:
    """(name, fails, expected subjects, found subjects) of every case of ``rule``, through the real pipeline."""
    data: dict[str, Any] = yaml.safe_load((CASES / f"{rule}.yaml").read_text(encoding="utf-8"))
    base = data.get("strategy") or BASE_STRATEGY.read_text(encoding="utf-8")
    out = []
    for case in data["cases"]:
        case_strategy = parse_strategy(case.get("strategy") or base, "<case>")
        document = extract_bytes(case["material"].encode("utf-8"), case["file"], case_strategy.region)
        assert document.error is None, (case["name"], document.error)
        assert document.kind == "ivr" and document.menu is not None, case["name"]
        findings = check([document], case_strategy, Config(select=(rule,))).findings
        out.append((case["name"], case["fails"], [e["subject"] for e in case.get("expect") or []],
                    sorted(f.subject or "" for f in findings)))
    return out


@pytest.mark.parametrize("rule", IVR_RULES)
def test_ivr_cases_through_the_pipeline(rule: str) -> None:
    wrong = [(name, fails, expected, found) for name, fails, expected, found in run_case_file(rule)
             if bool(found) != fails or (expected and sorted(expected) != found)]
    assert not wrong, "\n".join(map(str, wrong))


def test_breakout_cases_cover_every_format() -> None:
    data = yaml.safe_load((CASES / "ivr-breakout-missing.yaml").read_text(encoding="utf-8"))
    counts: dict[tuple[str, bool], int] = {}
    for case in data["cases"]:
        document = extract_bytes(case["material"].encode("utf-8"), case["file"], "GB")
        fmt = "text" if not case["file"].endswith((".ivr.yaml", ".ivr.json")) else read_ivr(
            case["material"].encode("utf-8")).format
        assert document.kind == "ivr"
        counts[fmt, case["fails"]] = counts.get((fmt, case["fails"]), 0) + 1
    for fmt in ("spec", "text", "connect", "connect-legacy", "twilio"):
        assert counts.get((fmt, True), 0) >= 5 and counts.get((fmt, False), 0) >= 5, (fmt, counts)


def example(version: str) -> list[Document]:
    return [extract_file(ACME / version / "ivr" / "main-line.ivr.yaml"),
            extract_file(ACME / version / "scripts" / "ivr-prompts.txt")]


def test_example_planted_ivr_defects_are_found() -> None:
    findings = check(example("defects"), strategy(), Config(select=("ivr-breakout-missing",))).findings
    assert sorted((f.document.rsplit("/", 1)[-1], f.subject) for f in findings) == [
        ("main-line.ivr.yaml", "1>3"), ("main-line.ivr.yaml", "3>1")]
    by_subject = {f.subject: f for f in findings}
    assert "press 1, then 3" in by_subject["1>3"].message and "menu 1 (level 2) did" in by_subject["1>3"].message
    assert "level 3" in by_subject["3>1"].message and by_subject["3>1"].location.line == 46


def test_example_clean_ivr_is_silent_and_presence_rules_skip_ivr() -> None:
    findings = check(example("clean"), strategy(), Config()).findings
    assert findings == ()
    defects = check(example("defects"), strategy(), Config()).findings
    assert not [f for f in defects if f.rule.endswith("-missing") and f.rule != "ivr-breakout-missing"]


def test_queue_callback_rule_is_opt_in() -> None:
    assert not [f for f in check(example("defects"), strategy(), Config()).findings
                if f.rule == "ivr-queue-callback-missing"]
    selected = check(example("defects"), strategy(), Config(select=("ivr-queue-callback-missing",))).findings
    assert selected and all(f.rule == "ivr-queue-callback-missing" for f in selected)


def test_prompt_hours_are_compared_with_the_strategy(tmp_path: Path) -> None:
    flow = json.loads((FIXTURES / "twilio-main-line.json").read_text(encoding="utf-8"))
    flow["states"][1]["properties"]["say"] = ("Welcome to Northwind Energy on 0306 999 0210. Our lines are open "
                                              "Monday to Friday 8am to 6pm.")
    path = tmp_path / "main.ivr.json"
    path.write_text(json.dumps(flow, indent=1), encoding="utf-8")
    findings = check([extract_file(path, "GB")], strategy(), Config()).findings
    assert sorted((f.rule, f.subject) for f in findings) == [("hours-mismatch", "+443069990210"),
                                                             ("ivr-breakout-missing", "2")]


# --- contactcheck ivr ------------------------------------------------------------------------------------------


def test_ivr_command_prints_levels_and_key_paths() -> None:
    result = CliRunner().invoke(ivr, [str(ACME / "defects" / "ivr" / "main-line.ivr.yaml")])
    assert result.exit_code == 0, result.output
    assert "[level 1] top menu" in result.output
    assert "[level 3] menu 1>3 (line 20)" in result.output
    assert "Speak to an adviser  \u2192 agent" in result.output


def test_ivr_command_reads_flows_and_prompt_scripts_as_json() -> None:
    result = CliRunner().invoke(ivr, ["--format", "json", str(FIXTURES / "twilio-main-line.json"),
                                      str(ACME / "clean" / "scripts" / "ivr-prompts.txt")])
    assert result.exit_code == 0, result.output
    trees = json.loads(result.output)["ivrs"]
    assert [t["format"] for t in trees] == ["twilio", "text"]
    assert trees[0]["menu"]["options"][0]["menu"]["level"] == 2


def test_ivr_command_lists_problems_and_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ivr.yaml"
    bad.write_text("menu:\n  options:\n    - {key: '1', action: agnet}\n", encoding="utf-8")
    other = tmp_path / "notes.txt"
    other.write_text("Just some notes.\n", encoding="utf-8")
    result = CliRunner().invoke(ivr, [str(bad), str(other)])
    assert result.exit_code == 2
    assert f"{bad}:3: menu.options[0].action: unknown action 'agnet'" in result.output
    assert "not an IVR prompt script" in result.output
