"""Site-wide rules (clause 5.4) judged over the link graph of a crawled site: how many clicks it takes
from the entry page to a complaint contact."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from contactcheck.crawl.graph import path_to, shortest_paths
from contactcheck.crawl.urls import url_key
from contactcheck.facts import Location
from contactcheck.rules import rule
from contactcheck.rules.context import Hit, RunContext
from contactcheck.rules.presence import has_complaint_contact


@rule("complaint-contact-deep", "5.4", "warning",
      "On a crawled site the complaint contact is only found deeper than complaints.max_click_depth clicks",
      scope="run")
def complaint_contact_deep(run: RunContext) -> Iterator[tuple[str, Hit]]:
    """What it checks:
    On a crawled site (a run whose site is a web address with a page at it: the entry page), the click
    depth of the shallowest page or linked document that gives a complaint contact: the shortest path over
    the links of the pages read, from the entry page (depth 0), whatever order the pages were fetched in.
    Fires once for the site when that depth is greater than `complaints.max_click_depth`, and shows the
    shortest click path; also when the only complaint contacts are on pages no link path reaches (found
    through the sitemap alone). When no page gives a complaint contact, `complaint-contact-missing` fires
    instead. Not applied to folders of files.

    Why it matters (ISO 18295-2 5.4):
    Customers must be told how to complain where they look for help; a complaints line four clicks deep
    behind "Help", "Support" and "More help" is, for most visitors, not given at all.

    Example:
    Home → Help → Support → More help → Complaints, with `max_click_depth: 3`.

    Use instead:
    Link the complaints page from every page's footer (depth 1), or give the complaints line on the
    contact page the home page links to.

    Options:
    `complaints.max_click_depth` in the strategy (default 3); severity, select and ignore as usual.
    """
    site = run.site
    if not site or not site.startswith(("http://", "https://")):
        return
    documents = [c.document for c in run.contexts if c.document.error is None]
    by_uri = {d.uri: d.uri for d in documents}
    by_key = {url_key(d.uri): d.uri for d in documents}
    root = by_uri.get(site) or by_key.get(url_key(site))
    if root is None:
        return
    links: dict[str, list[str]] = {}
    for document in documents:
        targets: list[str] = []
        for link in document.links:
            target = by_uri.get(link) or by_key.get(url_key(link))
            if target is not None and target != document.uri:
                targets.append(target)
        links[document.uri] = targets
    giving = [c.document.uri for c in run.contexts
              if c.document.error is None and not c.is_ivr and has_complaint_contact(c)]
    if not giving:
        return
    limit = run.strategy.complaints.max_click_depth
    parents = shortest_paths(root, links)
    reachable = [uri for uri in giving if uri in parents]
    expected = f"at most {limit} clicks"
    if not reachable:
        yield site, Hit(f"a complaint contact is given only on pages no link from the entry page leads to "
                        f"(found through the sitemap), e.g. {_short(giving[0], site)}", None,
                        (Location(site),), expected, tuple(Location(u) for u in giving[:3]))
        return
    paths = [path_to(parents, uri) for uri in reachable]
    best = min(paths, key=lambda path: (len(path), path[-1]))
    depth = len(best) - 1
    if depth <= limit:
        return
    route = " → ".join(_short(uri, site) for uri in best)
    yield site, Hit(f"the complaint contact is first given {depth} clicks from the entry page, deeper than "
                    f"the strategy's {limit}: {route}", None, (Location(site),), expected,
                    (Location(best[-1]),))


def _short(uri: str, site: str) -> str:
    """A page of the site by its path (``/help.html``); another site's page by its full URL."""
    page, home = urlsplit(uri), urlsplit(site)
    if (page.scheme, page.netloc) != (home.scheme, home.netloc):
        return uri
    return (page.path or "/") + (f"?{page.query}" if page.query else "")
