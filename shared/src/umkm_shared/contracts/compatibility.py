"""The compatibility gate: what a new schema may not do to the released one within a major.

Topics keep every event forever and replays read from the start, so a consumer built on the
current schema must accept every message ever published under the same major version, and a
consumer built on the released schema must keep finding what it relied on. Hence: no removed
fields, no retyped fields, no narrowed values, no new required fields.
"""

from typing import Any

Node = dict[str, Any]


def breaking_changes(released: Node, current: Node) -> list[str]:
    """Human-readable reasons `current` breaks consumers of `released`; empty when compatible."""
    return _Comparer(released, current).compare(released, current, "")


class _Comparer:
    def __init__(self, old_root: Node, new_root: Node) -> None:
        self._old_root = old_root
        self._new_root = new_root

    def compare(self, old: Node, new: Node, path: str) -> list[str]:
        old = _resolve(old, self._old_root)
        new = _resolve(new, self._new_root)
        where = path or "<message>"
        old_types, new_types = _types(old, self._old_root), _types(new, self._new_root)
        if not old_types <= new_types:
            return [f"{where}: type changed from {_show(old_types)} to {_show(new_types)}"]
        problems = _value_narrowing(
            _non_null(old, self._old_root), _non_null(new, self._new_root), where
        )
        old_obj, new_obj = _as_object(old, self._old_root), _as_object(new, self._new_root)
        if old_obj is not None and new_obj is not None:
            problems += self._compare_objects(old_obj, new_obj, path)
        old_items, new_items = _items(old, self._old_root), _items(new, self._new_root)
        if old_items is not None and new_items is not None:
            problems += self.compare(old_items, new_items, f"{path}[]")
        return problems

    def _compare_objects(self, old: Node, new: Node, path: str) -> list[str]:
        problems: list[str] = []
        old_props, new_props = old.get("properties", {}), new.get("properties", {})
        for name, old_prop in old_props.items():
            child = f"{path}.{name}" if path else name
            if name not in new_props:
                problems.append(f"{child}: field removed")
            else:
                problems += self.compare(old_prop, new_props[name], child)
        for name in sorted(set(new.get("required", [])) - set(old.get("required", []))):
            child = f"{path}.{name}" if path else name
            state = "is now required" if name in old_props else "is a new required field"
            problems.append(f"{child}: {state}")
        return problems


def _resolve(node: Node, root: Node) -> Node:
    while "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = root["$defs"][name]
    return node


def _types(node: Node, root: Node) -> frozenset[str]:
    node = _resolve(node, root)
    if "anyOf" in node or "oneOf" in node:
        branches: list[Node] = node.get("anyOf") or node.get("oneOf") or []
        return frozenset().union(*(_types(b, root) for b in branches))
    declared = node.get("type")
    if isinstance(declared, list):
        return frozenset(declared)
    if declared is not None:
        kind = declared
    elif "const" in node or "enum" in node:
        kind = "string"
    elif "properties" in node:
        kind = "object"
    else:
        return frozenset({"any"})
    fmt = node.get("format")
    return frozenset({f"{kind}:{fmt}" if fmt else kind})


def _branches(node: Node, root: Node) -> list[Node]:
    node = _resolve(node, root)
    if "anyOf" in node or "oneOf" in node:
        alternatives: list[Node] = node.get("anyOf") or node.get("oneOf") or []
        return [_resolve(b, root) for b in alternatives]
    return [node]


def _non_null(node: Node, root: Node) -> Node:
    """The one non-null branch of an optional field, else the node itself."""
    branches = [b for b in _branches(node, root) if b.get("type") != "null"]
    return branches[0] if len(branches) == 1 else node


def _as_object(node: Node, root: Node) -> Node | None:
    objects = [b for b in _branches(node, root) if "properties" in b]
    return objects[0] if len(objects) == 1 else None


def _items(node: Node, root: Node) -> Node | None:
    arrays = [b for b in _branches(node, root) if b.get("type") == "array" and "items" in b]
    return arrays[0]["items"] if len(arrays) == 1 else None


def _value_narrowing(old: Node, new: Node, where: str) -> list[str]:
    problems = []
    if "enum" in old and "enum" in new and (gone := set(old["enum"]) - set(new["enum"])):
        problems.append(f"{where}: values no longer allowed: {sorted(map(str, gone))}")
    if "const" in old and old.get("const") != new.get("const", old["const"]):
        problems.append(f"{where}: constant changed from {old['const']!r} to {new['const']!r}")
    if old.get("pattern") != new.get("pattern") and "pattern" in new:
        problems.append(
            f"{where}: pattern changed from {old.get('pattern')!r} to {new['pattern']!r}"
        )
    for bound in ("minimum", "exclusiveMinimum", "minLength", "minItems"):
        if bound in new and new[bound] > old.get(bound, new[bound] - 1):
            problems.append(f"{where}: {bound} raised to {new[bound]}")
    for bound in ("maximum", "exclusiveMaximum", "maxLength", "maxItems"):
        if bound in new and new[bound] < old.get(bound, new[bound] + 1):
            problems.append(f"{where}: {bound} lowered to {new[bound]}")
    return problems


def _show(types: frozenset[str]) -> str:
    return " | ".join(sorted(types))
