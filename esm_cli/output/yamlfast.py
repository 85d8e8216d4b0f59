"""A faster, byte-identical way through PyYAML for plain data (docs/limits.md, "Scale").

At 100,000 mappings most of ``--output yaml``'s time went to PyYAML's Python representer
(a type lookup, alias bookkeeping and a method call per value) and its resolver (the
libyaml emitter asks it twice per scalar, running regexes each time). Two changes, neither
altering a byte:

* plain data (exactly ``dict``, ``list``, ``str``, ``int``, ``bool``, ``float``, ``None``, with
  string keys and no container reached twice) is turned into nodes by one small recursive
  function making the same nodes the representer makes; anything else (a datetime, a
  subclass, a shared container that the representer would anchor) goes the old way;
* the resolver's answer for a scalar depends only on its text and the ``implicit`` flags: a
  string when the text may not be plain or starts with a character no implicit type starts
  with (ARNs, most UUIDs), else kept per text, a bounded number at a time, for the repeated
  values of a listing (states, booleans, batch sizes).
"""

from __future__ import annotations

from typing import Any

_CACHE_LIMIT = 8192  # texts remembered; emptied when full, so memory stays small


class _NotPlain(Exception):
    """The value holds something the fast path does not represent itself."""


def add_fast_path(representer: Any, resolver: Any) -> tuple[Any, Any]:
    """Subclasses of the dumper's representer and resolver classes with the fast path added."""
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    str_tag = "tag:yaml.org,2002:str"
    int_tag = "tag:yaml.org,2002:int"
    bool_tag = "tag:yaml.org,2002:bool"
    null_tag = "tag:yaml.org,2002:null"
    map_tag = "tag:yaml.org,2002:map"
    seq_tag = "tag:yaml.org,2002:seq"

    class FastRepresenter(representer):  # type: ignore[misc,valid-type]
        def represent(self, data: Any) -> None:
            seen: set[int] = set()
            float_node = self.represent_float

            def node_of(value: Any) -> Any:
                kind = type(value)
                if kind is str:
                    return ScalarNode(str_tag, value)
                if kind is dict:
                    if id(value) in seen:
                        raise _NotPlain  # the representer would write an anchor and an alias
                    seen.add(id(value))
                    pairs = []
                    append = pairs.append
                    for key in sorted(value):  # keys are unique: the representer's order
                        if type(key) is not str:
                            raise _NotPlain
                        member = value[key]
                        # Strings, most of a mapping, without the call.
                        member_node = ScalarNode(str_tag, member) if type(member) is str else node_of(member)
                        append((ScalarNode(str_tag, key), member_node))
                    return MappingNode(map_tag, pairs, flow_style=False)
                if kind is bool:
                    return ScalarNode(bool_tag, "true" if value else "false")
                if kind is int:
                    return ScalarNode(int_tag, str(value))
                if value is None:
                    return ScalarNode(null_tag, "null")
                if kind is list:
                    if id(value) in seen:
                        raise _NotPlain
                    seen.add(id(value))
                    return SequenceNode(seq_tag, [node_of(member) for member in value], flow_style=False)
                if kind is float:
                    return float_node(value)
                raise _NotPlain

            # Only a dict or list at the top: the representer's default_style/flow handling
            # of a lone scalar is left to it.
            if type(data) in (dict, list) and self.default_style is None and self.default_flow_style is False:
                try:
                    node = node_of(data)
                except (_NotPlain, RecursionError, TypeError):  # TypeError: keys that do not sort
                    node = None
                if node is not None:
                    self.serialize(node)
                    self.represented_objects = {}
                    self.object_keeper = []
                    self.alias_key = None
                    return
            super().represent(data)

    scalar_tags: dict[str, str] = {}
    # The resolver's own rule: only a text starting with one of these characters can read as
    # anything but a string (this resolver has no wildcard and no path resolvers).
    first_chars = frozenset(key for key in resolver.yaml_implicit_resolvers if key)
    plain_str = resolver.DEFAULT_SCALAR_TAG
    assert None not in resolver.yaml_implicit_resolvers and not resolver.yaml_path_resolvers

    class CachingResolver(resolver):  # type: ignore[misc,valid-type]
        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if kind is ScalarNode:
                if not implicit[0] or (value and value[0] not in first_chars):
                    return plain_str  # what BaseResolver.resolve returns then, without a lookup
                tag = scalar_tags.get(value)
                if tag is None:
                    tag = super().resolve(kind, value, implicit)
                    if len(scalar_tags) >= _CACHE_LIMIT:
                        scalar_tags.clear()  # unique texts (timestamps) would otherwise fill it for good
                    scalar_tags[value] = tag
                return tag
            return super().resolve(kind, value, implicit)

        # The emitter calls these around every node; without path resolvers they do nothing.
        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            if self.yaml_path_resolvers:
                super().descend_resolver(current_node, current_index)

        def ascend_resolver(self) -> None:
            if self.yaml_path_resolvers:
                super().ascend_resolver()

    return FastRepresenter, CachingResolver
