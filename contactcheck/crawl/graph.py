"""The crawled link graph and click depth: breadth-first search from the entry page, after the crawl.

Nodes are page keys (:func:`contactcheck.crawl.urls.url_key`); a redirect, a ``rel=canonical`` duplicate
or a byte-identical copy is an alias of the page it stands for, so a link to any of them reaches that page.
"""

from __future__ import annotations

from array import array
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

N = TypeVar("N", bound=Hashable)


def bfs(root: N, neighbours: Callable[[N], Iterable[N]]) -> dict[N, N | None]:
    """Every node reachable from ``root`` with its parent on one shortest path (``root`` -> None).
    Neighbours are visited in the order given, so ties go to the link that comes first on a page."""
    parents: dict[N, N | None] = {root: None}
    queue: deque[N] = deque([root])
    while queue:
        node = queue.popleft()
        for nxt in neighbours(node):
            if nxt not in parents:
                parents[nxt] = node
                queue.append(nxt)
    return parents


def path_to(parents: Mapping[N, N | None], node: N) -> tuple[N, ...]:
    """The click path from the root to ``node`` (root first); empty when ``node`` is unreachable."""
    if node not in parents:
        return ()
    out: list[N] = []
    current: N | None = node
    while current is not None:
        out.append(current)
        current = parents[current]
    return tuple(reversed(out))


def shortest_paths(root: str, links: Mapping[str, Sequence[str]]) -> dict[str, str | None]:
    """BFS over documents whose ``links`` already name other documents' URIs (what a crawl hands the
    engine): parent of every document reachable from ``root``."""
    return bfs(root, lambda uri: links.get(uri, ()))


@dataclass(slots=True)
class LinkGraph:
    """Pages by key with their outgoing links as compact node ids; aliases map a key to the page it is."""

    ids: dict[str, int] = field(default_factory=dict)
    keys: list[str] = field(default_factory=list)
    edges: dict[int, array[int]] = field(default_factory=dict)  # fetched page -> linked nodes, in page order
    aliases: dict[int, int] = field(default_factory=dict)  # node -> node it stands for
    uris: dict[int, str] = field(default_factory=dict)  # fetched page -> the URL actually fetched

    def node(self, key: str) -> int:
        found = self.ids.get(key)
        if found is None:
            found = self.ids[key] = len(self.keys)
            self.keys.append(key)
        return found

    def add_page(self, key: str, uri: str, link_keys: Iterable[str]) -> None:
        """A fetched page (or document) and the keys of the pages it links to."""
        node = self.node(key)
        self.uris[node] = uri
        seen: set[int] = set()
        out = array("i")
        for link in link_keys:
            target = self.node(link)
            if target != node and target not in seen:
                seen.add(target)
                out.append(target)
        self.edges[node] = out

    def alias(self, key: str, target_key: str) -> None:
        """``key`` is the same page as ``target_key`` (a redirect, rel=canonical or an identical copy)."""
        source, target = self.node(key), self.node(target_key)
        if source != target and self.resolve(target) != source:
            self.aliases[source] = target

    def resolve(self, node: int) -> int:
        """The page a node stands for (following aliases, never in a loop)."""
        seen = {node}
        while node in self.aliases:
            node = self.aliases[node]
            if node in seen:
                break
            seen.add(node)
        return node

    def links_of(self, node: int) -> list[int]:
        """Fetched pages a page links to, aliases resolved, in page order."""
        out: list[int] = []
        for target in self.edges.get(node, ()):
            page = self.resolve(target)
            if page in self.uris and page != node and page not in out:
                out.append(page)
        return out

    def depths(self, entry_key: str) -> dict[int, int]:
        """Click depth of every fetched page reachable from the entry (the entry is depth 0)."""
        root = self.resolve(self.node(entry_key))
        parents = bfs(root, self.links_of)
        depth: dict[int, int] = {}
        for node in parents:  # BFS order: a parent's depth is known before its children's
            parent = parents[node]
            depth[node] = 0 if parent is None else depth[parent] + 1
        return depth

    def resolved_links(self, key: str) -> tuple[str, ...]:
        """The URIs of the fetched pages a page links to (for :attr:`Document.links` after the crawl)."""
        node = self.ids.get(key)
        if node is None:
            return ()
        return tuple(self.uris[target] for target in self.links_of(self.resolve(node)))
