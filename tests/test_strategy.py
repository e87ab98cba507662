"""The strict strategy loader: every problem, each with file, line and field."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from canonical.loader import StrategyError, load_strategy, parse_strategy
from canonical.schema import schema_json, strategy_schema
from contactcheck.cli import main
from tests.conftest import EXAMPLES, ROOT

GOOD = """\
version: 1
organisation: Acme Energy
region: GB
timezone: Europe/London
channels:
  - id: general
    kind: phone
    value: "020 7946 0123"
    purposes: [service, billing]
    hours: "Mo-Fr 08:00-20:00; Sa 09:00-17:00; PH off"
    cost: {category: basic-rate, notice: "Calls cost no more than calls to 01 or 02 numbers"}
    alternatives: [general-relay]
  - id: general-relay
    kind: relay
    value: "18001 020 7946 0123"
  - id: helpline
    kind: phone
    value: "0845 600 1234"
    cost: {category: standard, pence_per_minute: 7, access_charge: true}
  - id: email
    kind: email
    value: Help@Acme-Energy.co.uk
    purposes: [complaints]
  - id: chat
    kind: webchat
    value: www.acme-energy.co.uk/chat
retired:
  - value: "0845 600 9999"
    replaced_by: general
complaints:
  channels: [email]
  max_click_depth: 3
ivr:
  max_breakout_level: 3
"""


def problems(text: str) -> list[tuple[int, str, str]]:
    with pytest.raises(StrategyError) as info:
        parse_strategy(text, "s.yaml")
    return [(p.line, p.field, p.message) for p in info.value.problems]


def replace(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


def test_good_strategy_loads_with_normalised_values() -> None:
    strategy = parse_strategy(GOOD, "s.yaml")
    assert strategy.organisation == "Acme Energy"
    general = strategy.channel("general")
    assert general is not None and general.normalised == "+442079460123"
    assert general.week is not None and general.week.holiday == "off" and general.limited_hours
    relay = strategy.channel("general-relay")
    assert relay is not None and relay.normalised == "+442079460123"
    email = strategy.channel("email")
    assert email is not None and email.normalised == "help@acme-energy.co.uk"
    chat = strategy.channel("chat")
    assert chat is not None and chat.normalised.startswith("https://")
    assert strategy.retired[0].normalised == "+448456009999"
    assert strategy.complaints.channels == ("email",)
    assert strategy.counts_by_kind() == {"phone": 2, "relay": 1, "email": 1, "webchat": 1}


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "words"),
    [
        ("    purposes: [service, billing]\n", "    purposes: [service, billing]\n    colour: red\n",
         10, "channels[0].colour", "unknown key"),
        ("kind: webchat", "kind: pigeon", 25, "channels[4].kind", "unknown value 'pigeon'"),
        ("purposes: [complaints]", "purposes: [complains]", 23, "channels[3].purposes[0]", "did you mean 'complaints'"),
        ("category: basic-rate", "category: cheap", 11, "channels[0].cost.category", "unknown value 'cheap'"),
        ('value: "020 7946 0123"', 'value: "020 79"', 8, "channels[0].value", "not a phone number"),
        ("value: Help@Acme-Energy.co.uk", "value: help.acme-energy.co.uk@", 22, "channels[3].value", "e-mail"),
        ("value: www.acme-energy.co.uk/chat", "value: not a url", 26, "channels[4].value", "not a URL"),
        ('hours: "Mo-Fr 08:00-20:00; Sa 09:00-17:00; PH off"', 'hours: "Mon to Fri 8 till 8"', 10,
         "channels[0].hours", "opening_hours"),
        ("  - id: chat", "  - id: email", 24, "channels[4].id", "duplicate id 'email'"),
        ("alternatives: [general-relay]", "alternatives: [general-realy]", 12, "channels[0].alternatives[0]",
         "no channel has id 'general-realy'"),
        ("replaced_by: general", "replaced_by: genral", 29, "retired[0].replaced_by", "no channel"),
        ("channels: [email]", "channels: [email, complaints]", 31, "complaints.channels[1]", "no channel"),
        ("    cost: {category: standard, pence_per_minute: 7, access_charge: true}\n", "", 18,
         "channels[2].cost", "standard-rate number"),
        ('value: "0845 600 9999"', 'value: "0845 600 1234"', 28, "retired[0].value", "also the live channel"),
        ("timezone: Europe/London", "timezone: Europe/Lndon", 4, "timezone", "IANA"),
        ("region: GB", "region: gb", 3, "region", "ISO 3166"),
        ("  max_click_depth: 3", "  max_click_depth: -1", 32, "complaints.max_click_depth", "whole number"),
        ("version: 1", "version: 2", 1, "version", "unsupported version"),
    ],
)
def test_each_problem_is_reported_at_its_line(old: str, new: str, line: int, field: str, words: str) -> None:
    found = problems(replace(old, new))
    assert any(p == (line, field, p[2]) and words in p[2] for p in found), found


def test_missing_required_keys_point_at_their_mapping() -> None:
    found = problems(replace("    kind: email\n", ""))
    assert (20, "channels[3].kind", "required key is missing") in found


def test_every_problem_in_one_pass() -> None:
    text = replace("kind: webchat", "kind: pigeon").replace("region: GB", "region: gb").replace(
        "replaced_by: general", "replaced_by: nobody")
    found = problems(text)
    assert [f for _, f, _ in found] == ["region", "channels[4].kind", "retired[0].replaced_by"]


def test_premium_number_without_cost_us_900() -> None:
    text = ('version: 1\norganisation: X\nregion: US\nchannels:\n'
            '  - id: p\n    kind: phone\n    value: "1-900-555-0199"\n')
    assert problems(text) == [(7, "channels[0].cost", problems(text)[0][2])]
    assert "premium" in problems(text)[0][2]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("version: 1\norganisation: [unclosed\n", 3, "not valid YAML"),
        ("", 1, "empty file"),
        ("   \n# just a comment\n", 1, "empty file"),
        ("- a\n- b\n", 1, "expected a mapping"),
        ("version: 1\nversion: 1\norganisation: X\nchannels: []\n", 2, "duplicate key"),
    ],
)
def test_unreadable_files(text: str, line: int, words: str) -> None:
    found = problems(text)
    assert found[0][0] == line and words in found[0][2], found


def test_yaml_bomb_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, cur in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    start = time.perf_counter()
    found = problems("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 5
    assert "alias bomb" in found[0][2]


def test_not_utf8_and_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"version: 1\norganisation: \xff\xfe\n")
    with pytest.raises(StrategyError) as info:
        load_strategy(bad)
    assert info.value.problems[0].line == 2
    with pytest.raises(StrategyError) as info:
        load_strategy(tmp_path / "absent.yaml")
    assert "cannot read" in info.value.problems[0].message


# --- the bundled examples and the broken fixtures ---------------------------------------------

EXAMPLE_STRATEGIES = sorted(p for p in EXAMPLES.glob("*/strategy*.yaml"))
BROKEN = sorted((EXAMPLES / "acme" / "strategy-broken").glob("*.yaml"))


def test_there_are_examples() -> None:
    assert EXAMPLE_STRATEGIES and len(BROKEN) >= 15


@pytest.mark.parametrize("path", EXAMPLE_STRATEGIES, ids=lambda p: p.parent.name)
def test_example_strategies_are_valid_and_match_the_schema(path: Path) -> None:
    load_strategy(path)
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    schema_ref = (path.parent / first.split("$schema=", 1)[1].strip()).resolve()
    assert schema_ref.read_text(encoding="utf-8") == schema_json()
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), json.loads(schema_json()))


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.name)
def test_broken_fixtures_are_rejected_at_the_expected_place(path: Path) -> None:
    with pytest.raises(StrategyError) as info:
        load_strategy(path)
    expect = re.search(r"#[ \t]*expect:[ \t]*(\d+)(?:[ \t]+(\S+))?", path.read_text(encoding="utf-8", errors="replace"))
    if expect is None:
        return  # empty.yaml, bomb.yaml: rejection is the expectation
    line, field = int(expect.group(1)), expect.group(2)
    where = [(p.line, p.field if field else None) for p in info.value.problems]
    assert (line, field) in where, where


def test_the_schema_is_a_valid_json_schema_and_rejects_unknown_keys() -> None:
    schema = strategy_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    data = yaml.safe_load(GOOD)
    jsonschema.validate(data, schema)
    data["channels"][0]["colour"] = "red"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


# --- the commands -------------------------------------------------------------------------------

def test_validate_command_exit_codes(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(GOOD, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(replace("kind: webchat", "kind: pigeon"), encoding="utf-8")
    runner = CliRunner()
    ok = runner.invoke(main, ["strategy", "validate", str(good)])
    assert ok.exit_code == 0, ok.output
    assert "Acme Energy" in ok.output and "3 phone" not in ok.output and "2 phone" in ok.output
    failed = runner.invoke(main, ["strategy", "validate", str(good), str(bad)])
    assert failed.exit_code == 2
    assert f"{bad}:25: channels[4].kind: unknown value 'pigeon'" in failed.output


def test_init_writes_a_valid_strategy(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["strategy", "init"])
    assert result.exit_code == 0
    starter = tmp_path / "starter.yaml"
    starter.write_text(result.output, encoding="utf-8")
    assert load_strategy(starter).organisation == "Example Ltd"
    jsonschema.validate(yaml.safe_load(result.output), strategy_schema())


def test_schema_command_prints_the_schema() -> None:
    result = CliRunner().invoke(main, ["strategy", "schema"])
    assert result.exit_code == 0 and json.loads(result.output) == strategy_schema()


def test_python_dash_m_works() -> None:
    result = subprocess.run([sys.executable, "-m", "contactcheck", "--version"], capture_output=True, text=True,
                            cwd=ROOT, check=False)
    assert result.returncode == 0 and "0.1.0" in result.stdout
