"""Contact-centre platform exports read into the menu tree: Amazon Connect flows and Twilio Studio flows.

Each format is first turned into one small graph of steps (what the caller hears, where input is gathered,
where the call ends up), then the graph is walked from the start into menus:

- Amazon Connect, flow language (``Version``/``StartAction``/``Actions``; also inside ``ContactFlow.Content``):
  ``MessageParticipant`` is heard, ``GetParticipantInput``/``ConnectParticipantWithLexBot`` with conditions is a
  menu (DTMF digits or Lex intents), ``TransferContactToQueue``/``TransferContactToAgent`` reach an agent
  (a call-back when ``UpdateContactCallbackNumber`` came first), ``CreateCallbackContact`` is a call-back,
  ``TransferParticipantToThirdParty`` and ``TransferToFlow`` are transfers, ``DisconnectParticipant`` hangs up.
- Amazon Connect, the older export (``modules``/``start``): ``PlayPrompt``, ``GetUserInput``, ``Transfer``
  (target Queue, Flow or PhoneNumber), ``SetCallbackNumber``, ``Disconnect``.
- Twilio Studio (``states``/``initial_state``; also inside ``definition``): ``say-play`` is heard,
  ``gather-input-on-call`` is a menu whose keys come from the ``split-based-on`` widget that reads its
  ``Digits`` (or ``SpeechResult``; a gather of more than two digits is data entry, not a menu),
  ``enqueue-call``/``send-to-flex`` reach an agent, ``connect-call-to`` is a transfer (an agent for a
  ``client``), ``record-voicemail`` takes a message.

Announcements before a menu become part of its prompt. Branches the caller does not choose (opening-hours
checks, attribute comparisons, percentage splits, function results) are followed along one branch: the
in-hours branch of an hours check, otherwise the default. A step whose destination cannot be seen
(another flow, an outside number, a TwiML redirect, a function) counts as an agent or a call-back when
the prompt offers one for that key. A key that leads back to a menu already on the way is ``repeat``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from contactcheck.menu import BREAKOUT_ACTIONS, Menu, Option
from extractors.ivr_text import find_options, infer_action, normalise_key

#: A flow expands into a tree; past this many menus the rest is left unexpanded.
MENU_BUDGET = 5000
_SSML_RE = re.compile(r"<[^>]+>")


@dataclass(slots=True)
class Step:
    """One node of a flow graph, whatever the platform calls it."""

    id: str
    role: str  # say | input | step | self-service | set-callback | agent | callback | hangup | transfer | voicemail
    text: str = ""
    line: int | None = None
    name: str = ""
    next: str | None = None
    choices: list[tuple[str, str]] = field(default_factory=list)  # (key, step id)
    timeout: str | None = None
    text_line: int | None = None  # the line of the text itself, when the file says


@dataclass(frozen=True, slots=True)
class Flow:
    """A platform flow read into steps: which format, the name it gives itself, the start and the steps."""

    format: str
    name: str | None
    start: str | None
    steps: dict[str, Step]

    def texts(self) -> list[tuple[str, int | None, str]]:
        """(text, line, step id) of everything the caller may hear, in file order."""
        return [(s.text, s.text_line or s.line, s.id) for s in self.steps.values()
                if s.text.strip() and not s.text.startswith("[")]


Lines = Callable[[tuple[str | int, ...]], int | None]


def flow_format(value: object) -> str | None:
    """``connect``, ``connect-legacy`` or ``twilio`` when ``value`` (a parsed JSON document) is such a flow."""
    value = _unwrap(value)
    if not isinstance(value, dict):
        return None
    if isinstance(value.get("Actions"), list) and ("StartAction" in value or "Version" in value):
        return "connect"
    if isinstance(value.get("modules"), list) and "start" in value:
        return "connect-legacy"
    if isinstance(value.get("states"), list) and ("initial_state" in value or any(
            isinstance(s, dict) and s.get("type") == "trigger" for s in value["states"])):
        return "twilio"
    return None


def _unwrap(value: object) -> object:
    """The flow inside an API answer: ``{"ContactFlow": {"Content": "<json>"}}``, ``{"definition": {...}}``."""
    if isinstance(value, dict):
        inner = value.get("ContactFlow", value)
        content = inner.get("Content") if isinstance(inner, dict) else None
        if isinstance(content, str):
            try:
                return json.loads(content)
            except ValueError:
                return value
        if isinstance(content, dict):
            return content
        if isinstance(value.get("definition"), dict):
            return value["definition"]
    return value


def read_flow(value: object, lines: Lines) -> Flow:
    """The steps of a Connect or Twilio flow; ``lines`` gives the line of a path in the file (or None)."""
    inner = _unwrap(value)
    prefix: tuple[str | int, ...] = ()
    if inner is not value and isinstance(value, dict):
        if isinstance(value.get("definition"), dict):
            prefix = ("definition",)
        else:
            lines = _no_lines  # a JSON string inside a JSON document: one line for everything
    kind = flow_format(inner)
    assert isinstance(inner, dict) and kind is not None

    def at(path: tuple[str | int, ...]) -> int | None:
        return lines((*prefix, *path))

    if kind == "connect":
        return _connect(inner, at)
    if kind == "connect-legacy":
        return _connect_legacy(inner, at)
    return _twilio(inner, at)


def _no_lines(_: tuple[str | int, ...]) -> int | None:
    return None


def _list(value: object) -> list[object]:
    return value if isinstance(value, list) else []


def _text(value: object) -> str:
    if not isinstance(value, str):
        return ""
    return " ".join(_SSML_RE.sub(" ", value).split())


# --- Amazon Connect ------------------------------------------------------------------------------------------

_CONNECT_SAY = frozenset({"MessageParticipant", "MessageParticipantIteratively"})
_CONNECT_INPUT = frozenset({"GetParticipantInput", "ConnectParticipantWithLexBot"})
_CONNECT_ENDS = {
    "TransferContactToQueue": "agent", "TransferContactToAgent": "agent", "DequeueContactAndTransferToQueue": "agent",
    "CreateCallbackContact": "callback", "TransferParticipantToThirdParty": "transfer", "TransferToFlow": "transfer",
    "DisconnectParticipant": "hangup", "EndFlowExecution": "hangup", "EndFlowModuleExecution": "hangup",
}
_CONNECT_SELF = frozenset({"InvokeLambdaFunction", "InvokeFlowModule", "InvokeModule", "GetCustomerProfile",
                           "AuthenticateParticipant"})


def _connect(value: dict[str, object], at: Lines) -> Flow:
    metadata = value.get("Metadata") if isinstance(value.get("Metadata"), dict) else {}
    assert isinstance(metadata, dict)
    action_meta = metadata.get("ActionMetadata") if isinstance(metadata.get("ActionMetadata"), dict) else {}
    assert isinstance(action_meta, dict)
    steps: dict[str, Step] = {}
    actions = value.get("Actions")
    assert isinstance(actions, list)
    for index, action in enumerate(actions):
        if not isinstance(action, dict) or not isinstance(action.get("Identifier"), str):
            continue
        meta = action_meta.get(action["Identifier"])
        step = _connect_step(action, meta if isinstance(meta, dict) else {}, at(("Actions", index)))
        step.text_line = at(("Actions", index, "Parameters", "Text")) or at(("Actions", index, "Parameters", "SSML"))
        steps[step.id] = step
    start = value.get("StartAction")
    name = metadata.get("name")
    return Flow("connect", name if isinstance(name, str) else None, start if isinstance(start, str) else None, steps)


def _connect_step(action: Mapping[str, object], meta: Mapping[str, object], line: int | None) -> Step:
    kind = str(action.get("Type", ""))
    params = action.get("Parameters") if isinstance(action.get("Parameters"), dict) else {}
    assert isinstance(params, dict)
    transitions = action.get("Transitions") if isinstance(action.get("Transitions"), dict) else {}
    assert isinstance(transitions, dict)
    following = transitions.get("NextAction") if isinstance(transitions.get("NextAction"), str) else None
    conditions = _connect_conditions(transitions.get("Conditions"))
    errors = {str(e.get("ErrorType")): str(e.get("NextAction")) for e in _list(transitions.get("Errors"))
              if isinstance(e, dict) and isinstance(e.get("NextAction"), str)}
    text = _text(params.get("Text")) or _text(params.get("SSML"))
    if not text and (params.get("PromptId") or params.get("Media")):
        text = f"[recorded prompt {meta.get('promptName') or ''}]".replace(" ]", "]")
    step = Step(str(action["Identifier"]), "step", text, line, next=following)
    if kind in _CONNECT_SAY:
        step.role = "say"
    elif kind in _CONNECT_INPUT and conditions and str(params.get("StoreInput", "False")).lower() != "true":
        step.role, step.choices, step.timeout = "input", conditions, errors.get("InputTimeLimitExceeded")
    elif kind in _CONNECT_INPUT:
        step.role = "self-service" if kind == "GetParticipantInput" else "step"
        step.next = following or errors.get("NoMatchingCondition")
    elif kind in _CONNECT_ENDS:
        step.role = _CONNECT_ENDS[kind]
        step.name = _display_name(meta) or str(params.get("ThirdPartyPhoneNumber") or "")
    elif kind == "UpdateContactCallbackNumber":
        step.role = "set-callback"
    elif kind == "CheckHoursOfOperation":
        in_hours = [target for key, target in conditions if key.lower() == "true"]
        step.next = in_hours[0] if in_hours else following
    elif conditions or kind in ("Compare", "DistributeByPercentage", "CheckMetricData"):
        step.next = following or errors.get("NoMatchingCondition") or (conditions[0][1] if conditions else None)
    elif kind in _CONNECT_SELF:
        step.role = "self-service"
    return step


def _connect_conditions(raw: object) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for item in raw if isinstance(raw, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("NextAction"), str):
            continue
        condition = item.get("Condition")
        operands = condition.get("Operands") if isinstance(condition, dict) else None
        if isinstance(operands, list) and operands:
            out.append((str(operands[0]), item["NextAction"]))
    return out


def _display_name(meta: Mapping[str, object]) -> str:
    for key in ("ContactFlow", "queue", "Queue"):
        value = meta.get(key)
        if isinstance(value, dict) and isinstance(value.get("text"), str):
            return str(value["text"])
    parameters = meta.get("parameters")
    if isinstance(parameters, dict):
        for value in parameters.values():
            if isinstance(value, dict) and isinstance(value.get("displayName"), str):
                return str(value["displayName"])
    return ""


def _connect_legacy(value: dict[str, object], at: Lines) -> Flow:
    steps: dict[str, Step] = {}
    modules = value.get("modules")
    assert isinstance(modules, list)
    for index, module in enumerate(modules):
        if isinstance(module, dict) and isinstance(module.get("id"), str):
            steps[module["id"]] = _legacy_step(module, at(("modules", index)))
    metadata = value.get("metadata")
    name = metadata.get("name") if isinstance(metadata, dict) else None
    start = value.get("start")
    return Flow("connect-legacy", name if isinstance(name, str) else None, start if isinstance(start, str) else None,
                steps)


def _legacy_step(module: Mapping[str, object], line: int | None) -> Step:
    kind = str(module.get("type", ""))
    target = str(module.get("target", ""))
    params: dict[str, object] = {}
    for param in _list(module.get("parameters")):
        if isinstance(param, dict) and isinstance(param.get("name"), str):
            params.setdefault(param["name"], param.get("value"))
    branches: list[tuple[str, str, str]] = []  # (condition, value, transition)
    for branch in _list(module.get("branches")):
        if isinstance(branch, dict) and isinstance(branch.get("transition"), str):
            branches.append((str(branch.get("condition", "")), str(branch.get("conditionValue", "")),
                             branch["transition"]))

    def on(*conditions: str) -> str | None:
        for wanted in conditions:
            for condition, _, transition in branches:
                if condition.lower() == wanted.lower():
                    return transition
        return None

    text = _text(params.get("Text"))
    if not text and params.get("AudioPrompt"):
        text = "[recorded prompt]"
    step = Step(str(module["id"]), "step", "", line, next=on("Success") or (branches[0][2] if branches else None))
    evaluated = [(value, transition) for condition, value, transition in branches if condition == "Evaluate"]
    if kind == "PlayPrompt":
        step.role, step.text = "say", text
    elif kind == "GetUserInput" and evaluated:
        step.role, step.text, step.choices, step.timeout = "input", text, evaluated, on("Timeout")
    elif kind in ("GetUserInput", "StoreUserInput"):
        step.role, step.text, step.next = "self-service", text, on("Success", "NoMatch")
    elif kind == "Transfer":
        step.role = "agent" if target == "Queue" else "transfer"
        metadata = module.get("metadata")
        step.name = _display_name(metadata) if isinstance(metadata, dict) else ""
    elif kind == "Disconnect":
        step.role = "hangup"
    elif kind == "SetCallbackNumber":
        step.role = "set-callback"
    elif "callback" in kind.lower():
        step.role = "callback"
    elif kind in ("CheckHoursOfOperation", "CheckStaffing", "CheckQueueStatus"):
        step.next = on("True", "NoMatch") or step.next
    elif kind == "CheckAttribute" or evaluated:
        step.next = on("NoMatch") or step.next
    elif kind == "InvokeExternalResource":
        step.role = "self-service"
    return step


# --- Twilio Studio -----------------------------------------------------------------------------------------

_TWILIO_ENDS = {"enqueue-call": "agent", "send-to-flex": "agent", "record-voicemail": "voicemail",
                "add-twiml-redirect": "transfer", "connect-call-to": "transfer"}
_TWILIO_SELF = frozenset({"capture-payments", "run-function", "make-http-request", "connect-virtual-agent"})
_NEXT_EVENTS = ("next", "success", "audioComplete", "incomingCall", "callComplete", "callCompleted", "completed",
                "complete")


def _twilio(value: dict[str, object], at: Lines) -> Flow:
    states = value.get("states")
    assert isinstance(states, list)
    by_name = {str(s["name"]): (i, s) for i, s in enumerate(states)
               if isinstance(s, dict) and isinstance(s.get("name"), str)}
    steps: dict[str, Step] = {}
    for name, (index, state) in by_name.items():
        steps[name] = _twilio_step(state, by_name, at(("states", index)))
        steps[name].text_line = at(("states", index, "properties", "say"))
    initial = value.get("initial_state")
    start = initial if isinstance(initial, str) else None
    if start is None:
        start = next((n for n, (_, s) in by_name.items() if s.get("type") == "trigger"), None)
    description = value.get("description")
    return Flow("twilio", description if isinstance(description, str) else None, start, steps)


def _events(state: Mapping[str, object]) -> list[tuple[str, str | None, list[object]]]:
    out: list[tuple[str, str | None, list[object]]] = []
    for item in _list(state.get("transitions")):
        if isinstance(item, dict):
            target = item.get("next")
            out.append((str(item.get("event", "")), target if isinstance(target, str) and target else None,
                        _list(item.get("conditions"))))
    return out


def _twilio_step(state: Mapping[str, object], by_name: Mapping[str, tuple[int, dict[str, object]]],
                 line: int | None) -> Step:
    kind = str(state.get("type", ""))
    props = state.get("properties") if isinstance(state.get("properties"), dict) else {}
    assert isinstance(props, dict)
    events = _events(state)

    def on(*names: str) -> str | None:
        for wanted in names:
            for event, target, _ in events:
                if event == wanted and target:
                    return target
        return None

    text = _text(props.get("say")) or ("[recorded prompt]" if props.get("play") else "")
    step = Step(str(state["name"]), "step", "", line, name=str(state["name"]).replace("_", " "),
                next=on(*_NEXT_EVENTS) or next((t for _, t, _ in events if t), None))
    if kind == "say-play":
        step.role, step.text = "say", text
    elif kind == "gather-input-on-call":
        step.role, step.text, step.timeout = "input", text, on("timeout")
        step.choices = _gather_choices(str(state["name"]), on("keypress"), on("speech"), by_name)
    elif kind == "split-based-on":
        step.next = on("noMatch") or next((t for e, t, _ in events if e == "match" and t), None)
    elif kind == "connect-call-to":
        step.role = "agent" if str(props.get("noun", "")) == "client" else "transfer"
        step.name = str(props.get("to") or step.name)
    elif kind in _TWILIO_ENDS:
        step.role = _TWILIO_ENDS[kind]
    elif kind in _TWILIO_SELF:
        step.role = "self-service"
    if step.role == "input" and not step.choices:
        step.role = "step"
    elif step.role == "input" and _entry(props, step.choices):
        # a PIN or account number typed in, checked by the split: data entry on the way, not a menu
        step.role, step.next = "self-service", step.choices[0][1]
    return step


def _entry(props: Mapping[str, object], choices: list[tuple[str, str]]) -> bool:
    digits = props.get("number_of_digits")
    if isinstance(digits, int | str) and str(digits).isdigit() and int(digits) > 2:
        return True
    return all(len(key) > 2 and key.isdigit() for key, _ in choices)


def _gather_choices(gather: str, keypress: str | None, speech: str | None,
                    by_name: Mapping[str, tuple[int, dict[str, object]]]) -> list[tuple[str, str]]:
    """The keys of a gather: the conditions of the split that reads its digits (or speech)."""
    choices: list[tuple[str, str]] = []
    for target, field_name, spoken in ((keypress, "Digits", False), (speech, "SpeechResult", True)):
        if target is None:
            continue
        split = by_name.get(target, (0, {}))[1]
        properties = split.get("properties")
        reads = str(properties.get("input", "")) if isinstance(properties, dict) else ""
        if split.get("type") != "split-based-on" or f"{gather}.{field_name}" not in reads.replace("widgets.", ""):
            if not spoken:
                choices.append(("any key", target))
            continue
        for event, next_name, conditions in _events(split):
            if event != "match" or not next_name:
                continue
            for condition in conditions:
                if isinstance(condition, dict):
                    for value in str(condition.get("value", "")).split(","):
                        value = value.strip()
                        if value:
                            choices.append((f'"{value}"' if spoken else value, next_name))
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    keyed = {target for key, target in choices if not key.startswith('"')}
    for key, target in choices:
        if key in seen or (key.startswith('"') and target in keyed):
            continue  # "press 1 or say billing": one option
        seen.add(key)
        out.append((key, target))
    return out


# --- from steps to menus -----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Outcome:
    action: str | None = None
    menu: Menu | None = None
    text: str = ""
    name: str = ""
    line: int | None = None


class _Walker:
    """Expands a flow graph into the menu tree a caller hears."""

    def __init__(self, flow: Flow) -> None:
        self.steps = flow.steps
        self.budget = MENU_BUDGET

    def follow(self, step_id: str | None, ancestors: tuple[str, ...]) -> _Outcome:
        heard: list[str] = []
        callback = served = False
        seen: set[str] = set()
        while step_id is not None and step_id not in seen:
            seen.add(step_id)
            step = self.steps.get(step_id)
            if step is None:
                break
            if step.role == "input":
                if step.id in ancestors:  # back to a menu already heard: a message first, or a plain repeat
                    return _Outcome("message" if heard else "repeat", text=" ".join(heard), line=step.line)
                return _Outcome(menu=self.menu(step, " ".join([*heard, step.text]).strip(), (*ancestors, step.id)))
            if step.role in ("say", "step", "self-service", "set-callback"):
                if step.role == "say" and step.text:
                    heard.append(step.text)
                callback = callback or step.role == "set-callback"
                served = served or step.role == "self-service"
                step_id = step.next
                continue
            action = "callback" if step.role == "agent" and callback else step.role
            if action == "hangup" and (heard or served):
                action = "self-service" if served else "message"
            return _Outcome(action, text=" ".join(heard), name=step.name, line=step.line)
        if step_id is not None and step_id in seen:
            return _Outcome("repeat", text=" ".join(heard))
        return _Outcome("self-service" if served else ("message" if heard else None), text=" ".join(heard))

    def menu(self, step: Step, prompt: str, ancestors: tuple[str, ...]) -> Menu:
        self.budget -= 1
        labels = {o.key: o.label for o in find_options(prompt)}
        options: list[Option] = []
        for key, target in step.choices:
            if self.budget <= 0:
                options.append(Option(key, labels.get(key, ""), None, None, self._line(target)))
                continue
            outcome = self.follow(target, ancestors)
            label = labels.get(normalise_key(key)) or labels.get(key) or outcome.name or outcome.text[:80]
            action = outcome.action
            if outcome.menu is not None and outcome.menu.is_menu:
                action = None
            elif action in (None, "transfer", "self-service"):  # an opaque end: what the caller is told wins
                said = infer_action(label)
                action = said if said in BREAKOUT_ACTIONS else action
            sub = outcome.menu if outcome.menu is not None else None
            options.append(Option(key, label, action, sub, self._line(target)))
        if step.timeout is not None and self.budget > 0:
            outcome = self.follow(step.timeout, ancestors)
            if outcome.action in BREAKOUT_ACTIONS:
                options.append(Option("timeout", "no key pressed (stay on the line)", outcome.action, None,
                                      self._line(step.timeout)))
        return Menu(prompt, tuple(options), step.line)

    def _line(self, step_id: str) -> int | None:
        step = self.steps.get(step_id)
        return step.line if step is not None else None


def flow_menu(flow: Flow) -> Menu | None:
    """The menu tree of a flow from its start: a menu, an announcement (no options), or None."""
    if flow.start is None:
        return None
    outcome = _Walker(flow).follow(flow.start, ())
    if outcome.menu is not None:
        return outcome.menu
    start = flow.steps.get(flow.start)
    return Menu(outcome.text, (), start.line if start is not None else None)
