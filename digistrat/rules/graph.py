"""Strongly connected components of the dependency graph (Tarjan, iterative, linear time)."""

from __future__ import annotations


def strongly_connected(nodes: list[str], edges: dict[str, list[str]]) -> dict[str, int]:
    """Node → component number. ``edges`` may name unknown nodes; they are ignored."""
    known = set(nodes)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    comp: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    counter = 0
    n_comp = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter([d for d in edges.get(root, []) if d in known]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, it = work[-1]
            advanced = False
            for nxt in it:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter([d for d in edges.get(nxt, []) if d in known])))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    comp[member] = n_comp
                    if member == node:
                        break
                n_comp += 1
    return comp


def cycle_in(start: str, comp: dict[str, int], edges: dict[str, list[str]]) -> list[str]:
    """A cycle through nodes of ``start``'s component: follow the first edge that stays inside."""
    c = comp[start]
    seen: dict[str, int] = {}
    path: list[str] = []
    node = start
    while node not in seen:
        seen[node] = len(path)
        path.append(node)
        node = next(d for d in edges.get(node, []) if comp.get(d) == c)
    return path[seen[node] :]
