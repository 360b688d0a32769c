"""Average-linkage agglomeration over a sparse similarity graph, the clustering behind stories and storylines.

Average link rather than single link: a few bridging items cannot chain two groups together, since a merge needs
the mean similarity over every cross pair, and a pair the caller never scored counts as similarity 0.
"""

from __future__ import annotations

import heapq
from collections import defaultdict


class Graph:
    """Average-linkage agglomeration over a sparse similarity graph: a missing edge counts as similarity 0."""

    def __init__(self, n: int, actors: list[tuple[set[str], set[str]]] | None = None):
        self.members = {i: [i] for i in range(n)}
        # (main actors, every name) per cluster: two clusters each about people the other never names are
        # kept apart, however alike their words
        self.actors = {i: (set(m), set(a)) for i, (m, a) in enumerate(actors)} if actors else None
        self.owner = list(range(n))  # cluster of each item; small-into-large relabelling keeps it O(n log n)
        self.adj: dict[int, dict[int, float]] = defaultdict(dict)

    def add(self, i: int, j: int, s: float) -> None:
        self.adj[i][j] = self.adj[i].get(j, 0.0) + s
        self.adj[j][i] = self.adj[j].get(i, 0.0) + s

    def merge(self, a: int, b: int) -> int:
        if len(self.members[a]) < len(self.members[b]):
            a, b = b, a
        for x in self.members[b]:
            self.owner[x] = a
        self.members[a] += self.members.pop(b)
        if self.actors:
            mb, nb = self.actors.pop(b)
            self.actors[a][0].update(mb)
            self.actors[a][1].update(nb)
        for c, s in self.adj.pop(b, {}).items():
            del self.adj[c][b]
            if c != a:
                self.adj[a][c] = self.adj[a].get(c, 0.0) + s
                self.adj[c][a] = self.adj[c].get(a, 0.0) + s
        self.adj[a].pop(a, None)
        return a

    def apart(self, a: int, b: int) -> bool:
        """Both clusters have main actors and neither ever names one of the other's."""
        if not self.actors:
            return False
        (ma, na), (mb, nb) = self.actors[a], self.actors[b]
        return bool(ma and mb) and not ma & nb and not mb & na

    def _avg(self, a: int, b: int) -> float:
        return self.adj[a].get(b, 0.0) / (len(self.members[a]) * len(self.members[b]))

    def agglomerate(self, threshold: float) -> list[list[int]]:
        heap = [(-self._avg(a, b), a, b) for a in self.adj for b in self.adj[a] if a < b]
        heapq.heapify(heap)
        while heap:
            neg, a, b = heapq.heappop(heap)
            if -neg < threshold:
                break
            if a not in self.members or b not in self.members or b not in self.adj[a]:
                continue
            if abs(self._avg(a, b) + neg) > 1e-12:  # stale entry: the clusters changed since it was pushed
                heapq.heappush(heap, (-self._avg(a, b), a, b))
                continue
            if self.apart(a, b):
                continue
            r = self.merge(a, b)
            for c in self.adj[r]:
                heapq.heappush(heap, (-self._avg(r, c), min(r, c), max(r, c)))
        return sorted(sorted(m) for m in self.members.values())
