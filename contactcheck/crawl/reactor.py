"""One Twisted reactor per process, run in a background thread, so one process can crawl many times.

Twisted's reactor cannot be restarted once stopped. Instead of a subprocess per crawl, the asyncio reactor
Scrapy prefers runs for the life of the process in a daemon thread (the pattern crochet made common), and
every crawl is an ``AsyncCrawlerRunner`` coroutine submitted to its event loop. Several sites in one job,
the demo and the tests all share it. Signals stay with the main thread, which turns Ctrl-C and SIGTERM
into a graceful stop of the running crawl.
"""

from __future__ import annotations

import asyncio
import atexit
import threading
from collections.abc import Coroutine
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, TypeVar

from contactcheck.crawl.settings import ASYNCIO_REACTOR

if TYPE_CHECKING:
    from twisted.internet.asyncioreactor import AsyncioSelectorReactor

T = TypeVar("T")

_lock = threading.Lock()
_loop: asyncio.AbstractEventLoop | None = None


def event_loop() -> asyncio.AbstractEventLoop:
    """The reactor's asyncio loop, starting the reactor thread on first use."""
    global _loop
    with _lock:
        if _loop is None:
            started: Future[asyncio.AbstractEventLoop] = Future()
            thread = threading.Thread(target=_run, args=(started,), name="contactcheck-reactor", daemon=True)
            thread.start()
            _loop = started.result(timeout=30)
        return _loop


def _reactor() -> AsyncioSelectorReactor:
    """The installed reactor, which must be Twisted's asyncio reactor."""
    from twisted.internet import asyncioreactor
    from twisted.internet import reactor as installed

    if not isinstance(installed, asyncioreactor.AsyncioSelectorReactor):
        raise RuntimeError("a non-asyncio Twisted reactor is already installed in this process")
    return installed


def _run(started: Future[asyncio.AbstractEventLoop]) -> None:
    try:
        from scrapy.utils.reactor import install_reactor, is_reactor_installed

        if not is_reactor_installed():
            install_reactor(ASYNCIO_REACTOR)
        reactor = _reactor()
        loop = reactor._asyncioEventloop
        asyncio.set_event_loop(loop)
        reactor.callWhenRunning(started.set_result, loop)
    except BaseException as exc:
        started.set_exception(exc)
        raise
    reactor.run(installSignalHandlers=False)  # type: ignore[no-untyped-call]


def submit(coroutine: Coroutine[Any, Any, T]) -> Future[T]:
    """Run ``coroutine`` on the reactor thread; the returned future can be waited on from any thread."""
    return asyncio.run_coroutine_threadsafe(coroutine, event_loop())


@atexit.register
def _stop() -> None:
    if _loop is None or _loop.is_closed():
        return
    reactor = _reactor()
    if reactor.running:
        reactor.callFromThread(reactor.stop)  # type: ignore[no-untyped-call]
