"""Script rules (clauses 5.7, 5.8): sales calls are not disguised, and a sale closes with the after-sales
channels and a promise of written confirmation.

Only agent scripts are judged (plain-text and Markdown documents of kind ``script``, not IVR prompt
scripts): each is read once into a :class:`~contactcheck.rules.salescall.SalesCall` (spaCy token
patterns, in script order), and the findings point at the lines where the framing, the offer and the close
happen. A script with no offer is no sales script, and passes.
"""

from __future__ import annotations

from collections.abc import Iterator

from contactcheck.facts import Document, Location, ScriptLine
from contactcheck.rules import rule
from contactcheck.rules.context import DocumentContext, Hit
from contactcheck.rules.salescall import Event, SalesCall, read_call


def _call(ctx: DocumentContext) -> SalesCall | None:
    document = ctx.document
    if document.kind != "script" or not document.lines:
        return None
    return read_call(document.lines)


def _line(document: Document, number: int) -> ScriptLine | None:
    return next((line for line in document.lines if line.line == number), None)


def _place(document: Document, number: int, note: bool = False) -> Location:
    line = _line(document, number)
    text = "" if line is None else (line.notes if note else line.text)
    snippet = " ".join(text.split())[:200] or None
    return Location(document.uri, line=number, snippet=snippet)


def _at(document: Document, event: Event) -> Location:
    return _place(document, event.line, event.note)


def _quote(event: Event) -> str:
    words = event.sentence or event.text
    if len(words) > 90:
        words = words[:87].rsplit(" ", 1)[0] + "..."
    return f"line {event.line}: \u201c{words}\u201d"


@rule("disguised-sales", "5.7", "error", "A script presents the contact as a survey or research and then sells")
def disguised_sales(ctx: DocumentContext) -> Iterator[Hit]:
    """What it checks:
    An agent script that frames the call as a survey, research, a courtesy call or "not a sales call", and
    then makes an offer, asks for the sale or asks for payment details. A script that says first that it is
    a sales call passes, and so does a genuine survey with no offer. The finding points at the framing
    line; the line where the selling starts is listed with it.

    Why it matters (ISO 18295-2 5.7):
    Sales calls must not be disguised as surveys or research ("sugging"): customers answer questions they
    would not answer for a salesperson, and lose the chance to decline the sales call.

    Example:
    "We're carrying out a quick survey about how households use energy ... Based on your answers, you could
    save with our Fix & Save tariff. Shall I switch you over today?"

    Use instead:
    "I'm calling from Northwind Energy. This is a sales call about our fixed-price tariffs. Is now a good
    time?" (or keep the survey and make no offer).

    Options:
    None beyond severity, select and ignore.
    """
    call = _call(ctx)
    if call is None or call.framing is None or call.selling is None:
        return
    framing, selling = call.framing, call.selling
    yield Hit(f"the call is presented as a survey or courtesy call ({_quote(framing)}) and then sells "
              f"({_quote(selling)})", None, (_at(ctx.document, framing),), related=(_at(ctx.document, selling),))


def _service_channel_lines(document: Document) -> set[int]:
    """Lines with a contact for service (not one presented only for sales)."""
    purposes: dict[int, set[str]] = {}
    for block in document.blocks:
        for description, channel in block.attached:
            fact = document.facts[description]
            if fact.kind == "purpose" and isinstance(fact.value, str):
                purposes.setdefault(channel, set()).add(fact.value)
    return {fact.location.line for index, fact in enumerate(document.facts)
            if fact.is_channel and fact.location.line is not None and purposes.get(index) != {"sales"}}


def _tells_channels(call: SalesCall, document: Document, sale: Event) -> bool:
    """After-sales channels are told between the offer and the end of the call: a service contact, or
    "call the number on your bill" / "contact us in the app"."""
    if any(line >= sale.line for line in _service_channel_lines(document)):
        return True
    contacts = {e.line for e in call.find(("contact",), after=sale, notes=False)}
    pointers = {e.line for e in call.find(("pointer",), after=sale, notes=False)}
    return bool(contacts & pointers)


def _end(call: SalesCall, document: Document) -> Location:
    return _place(document, call.last_line)


@rule("post-purchase-channels-missing", "5.8", "warning",
      "A sales script closes a sale without telling the customer the after-sales channels")
def post_purchase_channels_missing(ctx: DocumentContext) -> Iterator[Hit]:
    """What it checks:
    An agent script that closes a sale (SPEC section 8: the customer agrees to a new product, switch,
    upgrade or charge and the agent sets it up or takes payment details in the same call; a transfer to
    another team is not a close) and never tells the customer, anywhere between the offer and the end of
    the call, how to reach after-sales service: a service phone number, e-mail, chat or address, or "the
    number on your welcome letter". The finding points at the close; the offer and the end of the call
    are listed with it.

    Why it matters (ISO 18295-2 5.8):
    Before a sale concludes, customers must be told how to get help with what they bought.

    Example:
    "Shall I switch you over today? ... What's your sort code and account number? ... That's all done.
    Thanks for your time, goodbye."

    Use instead:
    "If you have any questions once you've switched, call our customer service team on 0306 999 0210,
    Monday to Friday 8am to 8pm, or email help@northwind-energy.example."

    Options:
    None beyond severity, select and ignore.
    """
    call = _call(ctx)
    if call is None or call.sale is None or call.close is None:
        return
    sale, close = call.sale, call.close
    if _tells_channels(call, ctx.document, sale):
        return
    yield Hit(f"the script closes a sale ({_quote(close)}) without telling the customer how to reach after-sales "
              f"service between the offer ({_quote(sale)}) and the end of the call (line {call.last_line})",
              None, (_at(ctx.document, close),), related=(_at(ctx.document, sale), _end(call, ctx.document)))


@rule("written-confirmation-missing", "5.8", "warning",
      "A sales script takes a financial commitment without promising written confirmation")
def written_confirmation_missing(ctx: DocumentContext) -> Iterator[Hit]:
    """What it checks:
    An agent script that closes a sale involving money (payment or bank details taken, or a price, charge,
    Direct Debit or contract named between the offer and the close) and never promises written
    confirmation: a letter, an e-mail, a welcome pack, a contract summary, or "in writing". The promise may
    come anywhere between the offer and the end of the call, before the close too. The finding points at
    the commitment; the offer and the end of the call are listed with it.

    Why it matters (ISO 18295-2 5.8):
    Customers must receive written confirmation of financial commitments made on a call.

    Example:
    "I just need your bank details to set up the Direct Debit ... That's all done. Goodbye."

    Use instead:
    "We'll send you a confirmation email today, and your welcome pack with the contract summary within
    5 working days."

    Options:
    None beyond severity, select and ignore.
    """
    call = _call(ctx)
    if call is None or call.sale is None or call.close is None or not call.financial:
        return
    sale, close = call.sale, call.close
    if call.first(("written",), after=sale, notes=False) is not None:
        return
    commitment = call.first(("payment",), after=sale) or close
    yield Hit(f"the script takes a financial commitment ({_quote(commitment)}) without promising written "
              f"confirmation (letter, e-mail, welcome pack, contract summary) after the offer ({_quote(sale)})",
              None, (_at(ctx.document, commitment),), related=(_at(ctx.document, sale), _end(call, ctx.document)))
