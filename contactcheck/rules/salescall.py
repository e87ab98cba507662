"""A sales call read line by line with spaCy token and phrase patterns (clauses 5.7 and 5.8).

Each line the agent says is matched (lower-cased tokens of a blank English pipeline, no model) against
patterns for: framing the call as a survey, research or courtesy call; saying honestly that it is a sales
call; an offer; asking for the sale; taking payment details; setting the sale up; a transfer to another
team; after-sales contact details; a promise of written confirmation; money. Stage directions and agent
notes count only as evidence of taking payment, setting up or transferring; the customer's own lines
count for nothing. The events, in script order, are what the script rules judge.

spaCy is imported the first time a script is read, never when the rules are only listed.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from contactcheck.facts import ScriptLine

# -- the patterns --------------------------------------------------------------------------------------------
# A token pattern is written as words separated by spaces; "a|b" is one token among alternatives, a trailing
# "?" makes it optional, "*" zero or more, "+" one or more; "£" matches a currency sign, NUM a number, NAME a
# word of a product name ("Fix & Save 24") and WORD any word.

_ADJ = ("quick|short|brief|little|small|independent|national|local|customer|satisfaction|market|consumer|household|"
        "energy|anonymous|annual|online|telephone|follow|-|up|few|general|important|piece|of|bit|regional|industry")
_SURVEY = "survey|surveys|research|questionnaire|study|poll|census"
_CALL_ADJ = ("courtesy|customer|care|service|research|feedback|satisfaction|welfare|wellbeing|check|-|in|follow|up|"
             "review|account|aftercare|after|loyalty|friendly")
_PRODUCT = ("offer|offers|deal|deals|tariff|tariffs|promotion|promotions|product|products|package|packages|plan|plans|"
            "bundle|bundles|upgrade|upgrades|broadband|policy|cover|insurance|range|contract|subscription|membership")
_PITCH = "special|new|latest|exclusive|limited|great|fixed|fibre|cheaper|better|best|introductory|loyalty"
_ASK_DO = "switch|sign|set|add|upgrade|process|join|order|buy|proceed|activate|apply|enrol|renew|extend|book"
_DONE = ("switched|upgraded|added|set|signed|booked|placed|processed|moved|activated|changed|applied|registered|"
         "enrolled|submitted|arranged|entered|renewed|extended")
_DOING = "switch|upgrade|add|set|sign|process|activate|place|apply|submit|move|renew|extend|enrol"
_THING = ("switch|upgrade|order|application|installation|booking|policy|cover|plan|tariff|membership|subscription|"
          "contract|package|bundle|service|account")
_PAPER = ("confirmation|letter|email|e|contract|summary|agreement|pack|copy|paperwork|documents|documentation|terms|"
          "receipt|schedule")
_PAPER_ADJ = (f"({_ADJ}|full|written|signed|welcome|confirmation|contract|copy|of|credit|loan|finance|policy|"
              "membership|updated|new|renewal|insurance|order|booking|the|your)*")

TOKEN_PATTERNS: dict[str, list[str]] = {
    "survey": [
        f"carrying|conducting|doing|running|undertaking|organising|organizing out? a|an|some|our|this|the? ({_ADJ})* "
        f"{_SURVEY}",
        f"part of|in a|an|our|the|this ({_ADJ})* {_SURVEY}",
        f"this|it is|'s just|only|simply? a|an? ({_CALL_ADJ})+ call",
        f"this|it is|'s just|only|simply? a|an? ({_ADJ})* survey|questionnaire|research",
        "calling|ringing|phoning|call to|for get|gather|collect|ask|hear|some|your|a|few|quick|brief|share|for* "
        "feedback|views|opinion|opinions|thoughts",
        "calling|ringing|phoning to see|check how you|things|everything|it|your",
        "calling|ringing|phoning to check|make sure that|if|whether? you|everything|things 're|are|is happy|okay|ok|"
        "well|fine|alright|getting|going|satisfied",
        "just checking|popping in",
        "just calling|ringing to check in",
        "checking in with you|to see",
        "to see how you|your|things|everything|it 're|are|is|'s|have|has|getting|going|finding|doing|settling",
        "not|n't a sales|marketing call|pitch",
        "not|n't selling|offering anything",
        "not|n't trying|calling|here to sell",
        "nothing to sell",
        "no sales pitch",
        "research|survey|insight|insights|feedback team|company|agency|department|unit",
        "market|customer|consumer|independent research",
        "customer satisfaction",
        "courtesy call",
    ],
    "disclosure": [
        f"calling|ringing|phoning|call about|with|regarding an|our|a|some ({_PITCH})* NAME* WORD? {_PRODUCT}",
        f"calling|ringing|phoning from NAME+ 's? about|with|regarding an|our|a|some ({_PITCH})* NAME* WORD? "
        f"{_PRODUCT}",
        f"calling|ringing|phoning|like|want|here to tell|talk you? to? about an|our|a|some ({_PITCH})* NAME* "
        f"{_PRODUCT}",
        "calling|ringing|phoning to offer|sell",
        "sales|marketing|promotional|telesales call|team|department|purposes",
    ],
    "offer": [
        "could|can|would|will|might|'d|'ll save|saving you? £ NUM",
        "could|can|would|will|might|'d|'ll save|saving you? up to",
        "could|can|would|will|might|'d|'ll save|saving you? money|NUM|hundreds|pounds",
        "save|saving with|by|on our|switching|moving|upgrading",
        "offer|offering you",
        "a|an|our offer|offers|deal|deals on|for|with|to",
        "special|exclusive|limited|introductory|loyalty|fantastic|brilliant|amazing|best|better|latest|cheaper|"
        "new-customer offer|offers|deal|deals|discount|rate|price|tariff|package|bundle",
        "upgrade|switch you over? to|onto|on our|a|an|the|this",
        "might|may|would|could be interested in",
        "perfect|ideal|great|suitable for you",
        "i|we 'd|would|can recommend",
        "eligible|qualify|qualified for our|a|an|the",
        "for just|only £ NUM",
        "just|only £ NUM a|per|every month|year|week|day|quarter",
        f"tell you about our|an|a|some|the ({_PITCH})* NAME* {_PRODUCT}",
        "NUM % off",
        "half price",
        "months free",
    ],
    "ask": [
        f"shall|can|may|should i {_ASK_DO}",
        "shall|can|may|should i go ahead",
        f"would|do you like|want me? to {_ASK_DO}",
        "would|do you like|want me? to go ahead",
        "would|do you like|want me? to take it|that|this|one|out|up",
        f"are you happy|okay|ok|ready|keen for? me? to {_ASK_DO}",
        "are you happy|okay|ok|ready|keen for? me? to go ahead",
        f"shall|can|should we {_ASK_DO}",
        "shall|can|should we go ahead|do that|do it",
        "would you be interested in switching|upgrading|signing|adding|joining|our",
        "would you be interested in taking out|up",
        "is that something you 'd|would like",
        "like|want to go ahead",
        f"i can {_ASK_DO} you up|over|onto|on? today|now|straight",
        "shall|can|may i put you down for",
    ],
    "payment": [
        "take|need|have|get|confirm|grab|read|give|tell|use me|us? your|the long? card|payment|debit|credit details|"
        "number|info|information",
        "bank account|details",
        "what|what's is|'s? your|the sort|card|bank",
        "set|setting up the|a|your direct debit",
        "take|taking a|the|your? card? payment|deposit",
        "card you 'd|would like to use",
        "sort code",
        "expiry date",
        "card number",
        "security code on the back",
        "long number",
        "cvv|cvc",
        "three digits on the back",
        "name on the card",
    ],
    "setup": [
        "that|it|everything 's|is|has all|now|just? done|sorted|gone|through|booked|confirmed|processed|complete|"
        "completed|live|active|set",
        f"you 're|are all|now? set|sorted|booked|signed|{_DONE}|covered|protected",
        "you 're|are now on our|the|your",
        f"i|we 've|have just|now|all? {_DONE}",
        f"i|we 'll|will just|now? go? ahead? and? {_DOING}",
        "i 'm|am just|now? setting|switching|processing|adding|upgrading|placing|activating|applying|submitting",
        f"your new? {_THING} will|'ll|should go|gone through",
        f"your new? {_THING} will|'ll|should start|begin|complete|activate",
        f"your new? {_THING} will|'ll|should be live|active|confirmed|processed|complete|completed|activated|set",
        f"your new? {_THING} is|has|'s now|all|just|been* confirmed|complete|completed|processed|booked|live|active|"
        "through|done|set|sorted|gone",
    ],
    "transfer": [
        "transfer|put|pass|hand|connect you through|over|on|across? to|with",
        "someone|colleague|specialist|team|adviser|advisor|consultant|expert will|'ll|would|can call|ring|phone|"
        "contact you",
        "someone|colleague|specialist|team|adviser|advisor|consultant|expert will|'ll|would be in touch",
    ],
    "written": [
        f"send|email|e|-|mail|post|text you a|an|your|the|our {_PAPER_ADJ} {_PAPER}|details",
        f"send|email|post the|your|a|an {_PAPER_ADJ} {_PAPER}",
        f"receive|get a|an|your|the {_PAPER_ADJ} {_PAPER}",
        "send|post|email it|them|that|this|everything|these|those to? you? by|via|in email|e|post|letter|writing",
        "confirm|confirmed|confirming|confirmation by|in|via email|e|letter|post|writing|text",
        "letter|email|mail confirming",
        "in writing",
        "written confirmation|summary|copy|details|agreement|contract",
        "welcome pack|letter|email|e",
        "contract summary",
        "summary of your|the contract|agreement|terms|plan|policy",
        "confirmation email|e|letter|pack|text",
        "copy of your|the contract|agreement|terms",
    ],
    "contact": [
        "call|ring|phone|contact|email|e|message|text|chat|reach|write|visit us|to|with|our|the",
        "give us a call|ring|bell",
        "get in touch",
        "customer service|services|care team|line|number|helpline",
    ],
    "pointer": [
        "number on|in your|the bill|statement|welcome|letter|card|email|confirmation|account|paperwork|pack",
        "in|on|through|via|using our|the|your app|website|site|account",
        "web|live chat",
        "help centre|center|page",
        "online account",
        "helpline",
    ],
    "money": [
        "£ NUM",
        "NUM p|pence|pounds|dollars|euros|cents",
        "per|a|every month|year|week|quarter",
        "direct debit",
        "monthly|annual|upfront|exit|cancellation|setup|installation|connection payment|payments|fee|fees|charge|"
        "charges",
        "contract",
    ],
}

#: Stage directions and agent notes: evidence of what the agent does, never of what is said.
NOTE_PATTERNS: dict[str, list[str]] = {
    "payment": ["bank|card|payment details", "take|process|taking payment", "direct debit", "sort code"],
    "setup": ["process|complete|submit|enter|book|log|place|key|record|confirm|raise the|a|an? new? sale|order|switch|"
              "upgrade|application|contract|agreement|booking|bank|details", "wrap code : sale"],
    "transfer": ["transfer|pass|hand over? to", "warm transfer"],
}

#: Words that, shortly before an offer, ask or disclosure, negate it ("I'm not offering you anything").
_NEGATIONS = frozenset({"not", "n't", "never", "no", "nothing"})
#: Events said inside a question or an if-clause are asks, not done deeds ("If you like, I'll set that up").
_CONDITIONAL = frozenset({"if", "once", "when", "whenever"})


@dataclass(frozen=True, slots=True)
class Event:
    """One thing found in the script: its kind, the line, the order within the script and the words."""

    kind: str
    line: int
    order: tuple[int, int]  # (index of the line in the script, token index): script order
    text: str  # the words matched
    note: bool = False  # found in a stage direction, not in what is said
    sentence: str = ""  # the sentence they are in


@dataclass(frozen=True, slots=True)
class SalesCall:
    """What a script does, in order; the rules ask it where the framing, the sale and the close are."""

    events: tuple[Event, ...]
    last_line: int  # the line of the last thing said

    def find(self, kinds: Iterable[str], after: Event | None = None, before: Event | None = None,
             notes: bool = True) -> list[Event]:
        wanted = set(kinds)
        return [e for e in self.events if e.kind in wanted and (notes or not e.note)
                and (after is None or e.order >= after.order) and (before is None or e.order < before.order)]

    def first(self, kinds: Iterable[str], after: Event | None = None, before: Event | None = None,
              notes: bool = True) -> Event | None:
        found = self.find(kinds, after, before, notes)
        return found[0] if found else None

    @property
    def sale(self) -> Event | None:
        """Where the offer starts: the first offer, ask for the sale, or "I'm calling about our new tariff"."""
        return self.first(("offer", "ask", "disclosure"), notes=False)

    @property
    def selling(self) -> Event | None:
        """The first offer, ask for the sale or request for payment details said (what a survey must not do)."""
        return self.first(("offer", "ask", "payment"), notes=False)

    @property
    def framing(self) -> Event | None:
        """The survey, research or courtesy framing before any selling, unless the call said first (or in the
        same line) that it is a sales call."""
        selling = self.selling
        if selling is None:
            return None
        framing = self.first(("survey",), before=selling)
        if framing is None:
            return None
        honest = self.first(("disclosure",), before=selling)
        if honest is not None and honest.line <= framing.line:
            return None
        return framing

    @property
    def close(self) -> Event | None:
        """Where the sale is closed: payment details taken or the sale set up after the offer, in the same call;
        a transfer to another team before that is no close (SPEC section 8)."""
        sale = self.sale
        if sale is None or not self.is_sale:
            return None
        done = self.first(("payment", "setup"), after=sale)
        if done is None:
            return None
        if self.first(("transfer",), after=sale, before=done) is not None:
            return None
        return done

    @property
    def is_sale(self) -> bool:
        """A sales call: something is offered, or money is named once the customer is asked to buy (switching
        to paperless bills is no sale)."""
        sale = self.sale
        return sale is not None and (self.first(("offer",), notes=False) is not None
                                     or self.first(("money", "payment"), after=sale) is not None)

    @property
    def financial(self) -> bool:
        """The close takes a financial commitment: payment details, or money named between offer and close."""
        sale, close = self.sale, self.close
        if sale is None or close is None:
            return False
        if self.find(("payment",), after=sale):
            return True
        return any(money.line <= close.line for money in self.find(("money",), after=sale))


class _Matchers:
    """A spaCy Matcher for the token patterns and a PhraseMatcher for the fixed phrases of one pattern set."""

    def __init__(self, nlp: Any, patterns: dict[str, list[str]]) -> None:
        from spacy.matcher import Matcher, PhraseMatcher

        self.tokens = Matcher(nlp.vocab)
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        for kind, texts in patterns.items():
            fixed = [t for t in texts if _is_phrase(t)]
            if fixed:
                self.phrases.add(kind, [nlp.make_doc(t) for t in fixed])
            flexible = [compile_pattern(t) for t in texts if not _is_phrase(t)]
            if flexible:
                self.tokens.add(kind, flexible)

    def __call__(self, doc: Any) -> list[tuple[int, int, int]]:
        return sorted([*self.tokens(doc), *self.phrases(doc)], key=lambda m: (m[1], m[2]))


def _is_phrase(text: str) -> bool:
    """A pattern with no alternatives, optional words or placeholders: a fixed phrase."""
    return not any(c in text for c in "|?*+£()") and not any(w in ("NUM", "NAME", "WORD") for w in text.split())


@functools.cache
def _pipeline() -> tuple[Any, _Matchers, _Matchers]:
    """The blank English pipeline with a sentencizer, and the matchers for speech and for notes."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp, _Matchers(nlp, TOKEN_PATTERNS), _Matchers(nlp, NOTE_PATTERNS)


def compile_pattern(text: str) -> list[dict[str, Any]]:
    """``"shall|can i go|switch"`` -> a spaCy Matcher token pattern on lower-cased tokens (see above)."""
    tokens: list[dict[str, Any]] = []
    for word in text.split():
        op = None
        if word[-1] in "?*+" and len(word) > 1:
            word, op = word[:-1], word[-1]
        word = word.strip("()")
        if word == "NUM":
            token: dict[str, Any] = {"LIKE_NUM": True}
        elif word == "NAME":  # a product name: capitalised words, digits, "&" ("Fix & Save 24")
            token = {"TEXT": {"REGEX": r"^(?:[A-Z0-9][\w'-]*|&|\+)$"}}
        elif word == "WORD":
            token = {"IS_ALPHA": True}
        elif word == "£":
            token = {"ORTH": {"IN": ["£", "$", "€"]}}
        else:
            options = word.split("|")
            token = {"LOWER": options[0]} if len(options) == 1 else {"LOWER": {"IN": options}}
        if op is not None:
            token["OP"] = op
        tokens.append(token)
    return tokens


def _clean(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').split())


def is_speech(line: ScriptLine, labelled_from: int | None) -> bool:
    """Said by the agent: not a heading, not the customer's, and (in a script with speaker labels) not the
    description above the first label."""
    if line.heading or line.customer or not line.text.strip():
        return False
    return line.speaker is not None or labelled_from is None or line.line > labelled_from


@functools.lru_cache(maxsize=64)
def read_call(lines: tuple[ScriptLine, ...]) -> SalesCall:
    """The events of a script, in script order (cached: the three script rules read each script once)."""
    nlp, said_matcher, note_matcher = _pipeline()
    labelled = [line.line for line in lines if line.speaker is not None]
    labelled_from = labelled[0] if labelled else None
    events: list[Event] = []
    last_line = 0
    speech = [(i, line) for i, line in enumerate(lines) if is_speech(line, labelled_from)]
    for (index, line), doc in zip(speech, nlp.pipe(_clean(line.text) for _, line in speech), strict=True):
        last_line = line.line
        events.extend(_said_events(doc, said_matcher, index, line.line))
    noted = [(i, line) for i, line in enumerate(lines) if line.notes.strip()]
    for (index, line), doc in zip(noted, nlp.pipe(_clean(line.notes) for _, line in noted), strict=True):
        for match_id, start, end in note_matcher(doc):
            events.append(Event(nlp.vocab.strings[match_id], line.line, (index, start), doc[start:end].text, True,
                                doc[start:end].sent.text))
    events.sort(key=lambda e: e.order)
    return SalesCall(tuple(events), last_line)


def _said_events(doc: Any, matcher: _Matchers, index: int, line: int) -> list[Event]:
    found: list[tuple[str, int, int, int]] = []  # (kind, start, end, sentence start)
    for match_id, start, end in matcher(doc):
        kind = doc.vocab.strings[match_id]
        sentence = doc[start:end].sent
        if kind in ("offer", "ask", "disclosure") and _negated(doc, start, sentence.start):
            continue
        if kind == "setup" and _conditional(sentence):
            kind = "ask"
        found.append((kind, start, end, sentence.start))
    transfers = {sentence for kind, _, _, sentence in found if kind == "transfer"}
    out: list[Event] = []
    seen: set[tuple[str, int]] = set()
    for kind, start, end, sentence in sorted(found, key=lambda f: (f[1], -f[2])):
        if kind == "setup" and sentence in transfers:
            continue  # "I'll put you through to our sales team to set that up" is no set-up
        if (kind, start) in seen:
            continue
        seen.add((kind, start))
        out.append(Event(kind, line, (index, start), doc[start:end].text, sentence=doc[start:end].sent.text))
    return out


def _negated(doc: Any, start: int, sentence_start: int) -> bool:
    return any(doc[i].lower_ in _NEGATIONS for i in range(max(sentence_start, start - 4), start))


def _conditional(sentence: Any) -> bool:
    words = [t.lower_ for t in sentence]
    return "?" in words or bool(words and words[0] in _CONDITIONAL) or any(
        w == "if" and i < len(words) - 1 for i, w in enumerate(words[:3]))
