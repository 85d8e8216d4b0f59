"""YAML and JSON read with the line and column of every node.

Values come back as plain Python (``Map`` and ``Seq`` are dict and list subclasses), so every
format's compiler works on ordinary data; the positions ride along: ``Map.key_pos[key]`` is
where a key is written, ``Seq.item_pos[i]`` where an item starts, ``.pos`` where the node
starts. Positions are 1-based (line, column), as editors and SARIF count.

CloudFormation's short-form intrinsics (``!Ref X``, ``!GetAtt A.B``, ``!Sub …``, ``!If […]``)
become their long form (``{"Ref": "X"}``, ``{"Fn::GetAtt": ["A", "B"]}``), as CloudFormation
itself reads them (docs/iac.md, "CloudFormation"). YAML aliases and nesting are bounded by the
same caps as every other input (esm_cli.limits).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from typing import Any

from esm_cli import limits

Position = tuple[int, int]


class Map(dict):  # type: ignore[type-arg]
    __slots__ = ("key_pos", "pos")

    def __init__(self, pos: Position = (0, 0)) -> None:
        super().__init__()
        self.pos = pos
        self.key_pos: dict[Any, Position] = {}


class Seq(list):  # type: ignore[type-arg]
    __slots__ = ("item_pos", "pos")

    def __init__(self, pos: Position = (0, 0)) -> None:
        super().__init__()
        self.pos = pos
        self.item_pos: list[Position] = []


class ParseError(Exception):
    """A document that does not parse, with where the parser stopped."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


def key_position(container: Any, key: Any, default: Position = (0, 0)) -> Position:
    """Where ``key`` (a dict key or a list index) is written in ``container``."""
    if isinstance(container, Map):
        return container.key_pos.get(key, container.pos)
    if isinstance(container, Seq) and isinstance(key, int) and 0 <= key < len(container.item_pos):
        return container.item_pos[key]
    return getattr(container, "pos", default)


# --- YAML -------------------------------------------------------------------------------

_CONDITION_TAGS = {"Ref": "Ref", "Condition": "Condition"}


def _long_form(tag: str) -> str:
    name = tag[1:]
    return _CONDITION_TAGS.get(name, "Fn::" + name)


class _YamlBuilder:
    """Nodes (from yaml.compose) to values, bounded in depth and in what aliases add."""

    def __init__(self, what: str) -> None:
        import yaml

        self.what = what
        self.scalars = yaml.constructor.SafeConstructor()
        self.done: dict[int, tuple[Any, int]] = {}  # node id → (value, nodes it stands for)
        self.expanded = 0

    def build(self, node: Any, depth: int = 1) -> tuple[Any, int]:
        if depth > limits.MAX_DEPTH:
            raise limits.too_deep(self.what)
        seen = self.done.get(id(node))
        if seen is not None:  # an alias: shared, but what it adds counts against the budget
            self.expanded += seen[1]
            if self.expanded > limits.ALIAS_EXPANSION_BUDGET:
                from esm_cli.errors import ParamValidationError

                raise ParamValidationError(
                    f"{self.what}: its YAML aliases expand to more than {limits.ALIAS_EXPANSION_BUDGET:,} "
                    "extra values, esm's limit; nothing was done."
                )
            return seen
        pos = (node.start_mark.line + 1, node.start_mark.column + 1)
        tag = node.tag
        short = tag[:1] == "!" and tag[:2] != "!!"
        kind = node.id  # "scalar", "sequence" or "mapping": cheaper than isinstance on 10,000s of nodes
        if kind == "mapping":
            value: Any = Map(pos)
            size = 1
            self.scalars.flatten_mapping(node)
            for key_node, value_node in node.value:
                key, _ = self.build(key_node, depth + 1)
                if isinstance(key, (dict, list)):
                    key = json.dumps(key, sort_keys=True, default=str)  # unhashable key: kept, as text
                item, item_size = self.build(value_node, depth + 1)
                value[key] = item
                value.key_pos[key] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                size += item_size + 1
        elif kind == "sequence":
            value = Seq(pos)
            size = 1
            for item_node in node.value:
                item, item_size = self.build(item_node, depth + 1)
                value.append(item)
                value.item_pos.append((item_node.start_mark.line + 1, item_node.start_mark.column + 1))
                size += item_size
        elif short:
            value, size = node.value, 1
        else:
            value, size = self.scalar(node), 1
        if short:
            wrapped = Map(pos)
            name = _long_form(tag)
            if name == "Fn::GetAtt" and isinstance(value, str) and "." in value:
                parts = Seq(pos)  # !GetAtt A.B is ["A", "B"]; the attribute may hold more dots
                parts.extend(value.split(".", 1))
                parts.item_pos = [pos, pos]
                value = parts
            wrapped[name] = value
            wrapped.key_pos[name] = pos
            value = wrapped
        if kind != "scalar":  # an aliased scalar is rebuilt: it adds one value, never a subtree
            self.done[id(node)] = (value, size)
        return value, size

    def scalar(self, node: Any) -> Any:
        """A plain scalar; the common tags directly (a large template has tens of thousands)."""
        import yaml

        tag = node.tag
        if tag == _STR:
            return node.value
        if tag == _INT and node.value.isdigit():
            return int(node.value)
        try:
            return self.scalars.construct_object(node)
        except yaml.constructor.ConstructorError:
            return node.value  # an unknown !!tag: keep the text


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"


def load_yaml(text: str, what: str) -> Any:
    """The first YAML document of ``text`` with positions; ParseError when it is not YAML."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    try:
        node = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise ParseError(f"not valid YAML: {error.problem or error}", line, column) from None
    except yaml.YAMLError as error:
        raise ParseError(f"not valid YAML: {error}") from None
    except RecursionError:
        raise limits.too_deep(what) from None
    if node is None:
        return None
    return _YamlBuilder(what).build(node)[0]


# --- JSON -------------------------------------------------------------------------------

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?")
_LITERALS = {"true": True, "false": False, "null": None}


class _JsonReader:
    """A small JSON parser that records positions (the json module keeps none)."""

    def __init__(self, text: str, what: str) -> None:
        self.text, self.what = text, what
        self.newlines = [m.start() for m in re.finditer("\n", text)]

    def pos(self, index: int) -> Position:
        line = bisect_right(self.newlines, index - 1)
        start = self.newlines[line - 1] + 1 if line else 0
        return (line + 1, index - start + 1)

    def fail(self, message: str, index: int) -> ParseError:
        line, column = self.pos(index)
        return ParseError(f"not valid JSON: {message}", line, column)

    def skip(self, index: int) -> int:
        return _WHITESPACE.match(self.text, index).end()  # type: ignore[union-attr]

    def value(self, index: int, depth: int) -> tuple[Any, int]:
        if depth > limits.MAX_DEPTH:
            raise limits.too_deep(self.what)
        text = self.text
        index = self.skip(index)
        char = text[index : index + 1]
        if char == "{":
            return self.obj(index, depth)
        if char == "[":
            return self.array(index, depth)
        if char == '"':
            return self.string(index)
        for word, literal in _LITERALS.items():
            if text.startswith(word, index):
                return literal, index + len(word)
        match = _NUMBER.match(text, index)
        if match and match.group(0):
            number = match.group(0)
            return (float(number) if match.group(1) or match.group(2) else int(number)), match.end()
        raise self.fail("expected a value", index)

    def string(self, index: int) -> tuple[str, int]:
        try:
            return json.decoder.scanstring(self.text, index + 1, True)  # type: ignore[attr-defined,no-any-return]
        except ValueError as error:
            raise self.fail(str(error).split(":")[0], index) from None

    def obj(self, index: int, depth: int) -> tuple[Map, int]:
        result = Map(self.pos(index))
        index = self.skip(index + 1)
        if self.text.startswith("}", index):
            return result, index + 1
        while True:
            index = self.skip(index)
            if not self.text.startswith('"', index):
                raise self.fail("expected a property name in double quotes", index)
            key_at = index
            key, index = self.string(index)
            index = self.skip(index)
            if not self.text.startswith(":", index):
                raise self.fail("expected ':'", index)
            item, index = self.value(index + 1, depth + 1)
            result[key] = item
            result.key_pos[key] = self.pos(key_at)
            index = self.skip(index)
            if self.text.startswith(",", index):
                index += 1
                continue
            if self.text.startswith("}", index):
                return result, index + 1
            raise self.fail("expected ',' or '}'", index)

    def array(self, index: int, depth: int) -> tuple[Seq, int]:
        result = Seq(self.pos(index))
        index = self.skip(index + 1)
        if self.text.startswith("]", index):
            return result, index + 1
        while True:
            index = self.skip(index)
            result.item_pos.append(self.pos(index))
            item, index = self.value(index, depth + 1)
            result.append(item)
            index = self.skip(index)
            if self.text.startswith(",", index):
                index += 1
                continue
            if self.text.startswith("]", index):
                return result, index + 1
            raise self.fail("expected ',' or ']'", index)


def load_json(text: str, what: str) -> Any:
    """The JSON document ``text`` with positions; ParseError (with its place) when it is not JSON."""
    reader = _JsonReader(text, what)
    start = len(text) - len(text.lstrip("\ufeff"))
    value, end = reader.value(start, 1)
    end = reader.skip(end)
    if end != len(text):
        raise reader.fail("extra data after the document", end)
    return value


def load_document(text: str, what: str) -> Any:
    """JSON when the text starts like JSON, else YAML (a superset: it gets a second go at failed JSON);
    when both fail, a ``.json`` file reports JSON's error, the one its author can act on."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped[:1] in ("{", "["):
        try:
            return load_json(text, what)
        except ParseError as json_error:
            try:
                return load_yaml(text, what)
            except ParseError:
                if what.endswith(".json"):
                    raise json_error from None
                raise
    return load_yaml(text, what)
