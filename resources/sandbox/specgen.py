"""Function specs derived from signatures, type hints and docstrings, with `ast` only: nothing is run.

derive_specs(code) -> list of specs (name, description, parameters, responses, errors) for the public
top-level functions. Type hints map to JSON Schema (str->string, int->integer, float->number, bool->boolean,
list[X]->array of X, dict->object, Literal[...]->enum; Optional[X] and X | None make a parameter optional);
without hints, the types named in the docstring are used, then the default value's type. Docstrings in
Google (Args/Returns/Raises), NumPy (Parameters/Returns/Raises, underlined) and reST (:param x:) style
give the description, the parameter descriptions, the response and the errors.
"""
import ast
import re

from analysis import _is_constant

SIMPLE_TYPES = {
    "str": {"type": "string"}, "int": {"type": "integer"}, "float": {"type": "number"},
    "bool": {"type": "boolean"}, "dict": {"type": "object"}, "Dict": {"type": "object"},
    "list": {"type": "array"}, "List": {"type": "array"}, "tuple": {"type": "array"}, "Tuple": {"type": "array"},
    "set": {"type": "array"}, "Set": {"type": "array"}, "Sequence": {"type": "array"}, "Iterable": {"type": "array"},
    "None": {"type": "null"}, "NoneType": {"type": "null"}, "Any": {}, "object": {},
    "bytes": {"type": "string"}, "date": {"type": "string", "format": "date"},
    "datetime": {"type": "string", "format": "date-time"}, "number": {"type": "number"},
    "string": {"type": "string"}, "integer": {"type": "integer"}, "boolean": {"type": "boolean"},
    "Mapping": {"type": "object"},
}
ARRAY_NAMES = {"list", "List", "set", "Set", "frozenset", "Sequence", "Iterable", "tuple", "Tuple"}


def _name_of(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr  # typing.Optional -> Optional, datetime.date -> date
    return None


def _is_none(node):
    return (isinstance(node, ast.Constant) and node.value is None) or _name_of(node) in ("None", "NoneType")


def schema_for(node):
    """Returns (schema, optional) for an annotation node; optional when None is one of the allowed values."""
    if node is None:
        return {}, False
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            return schema_for(ast.parse(node.value, mode="eval").body)
        except SyntaxError:
            return {}, False
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _union([node.left, node.right])
    if isinstance(node, ast.Subscript):
        base = _name_of(node.value)
        args = list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice]
        if base == "Optional":
            schema, _ = schema_for(args[0])
            return schema, True
        if base == "Union":
            return _union(args)
        if base == "Literal":
            values = [a.value for a in args if isinstance(a, ast.Constant)]
            schema = {"enum": values}
            kinds = {type(v) for v in values}
            if len(kinds) == 1:
                schema = {**_json_type(values[0]), **schema}
            return schema, False
        if base in ARRAY_NAMES:
            items = [a for a in args if not (isinstance(a, ast.Constant) and a.value is Ellipsis)]
            schema = {"type": "array"}
            if len(items) >= 1:
                item_schema, _ = schema_for(items[0])
                if item_schema:
                    schema["items"] = item_schema
            return schema, False
        if base in ("dict", "Dict", "Mapping"):
            schema = {"type": "object"}
            if len(args) == 2:
                value_schema, _ = schema_for(args[1])
                if value_schema:
                    schema["additionalProperties"] = value_schema
            return schema, False
        if base == "Annotated":
            return schema_for(args[0])
    name = _name_of(node)
    if name in SIMPLE_TYPES:
        return dict(SIMPLE_TYPES[name]), name in ("None", "NoneType")
    return {}, False


def _json_type(value):
    if isinstance(value, bool):
        return {"type": "boolean"}
    if isinstance(value, int):
        return {"type": "integer"}
    if isinstance(value, float):
        return {"type": "number"}
    if isinstance(value, str):
        return {"type": "string"}
    return {}


def _union(nodes):
    optional = any(_is_none(n) for n in nodes)
    schemas = [schema_for(n)[0] for n in nodes if not _is_none(n)]
    if len(schemas) == 1:
        return schemas[0], optional
    return {"anyOf": schemas}, optional


def _schema_from_doc_type(text):
    """Google/NumPy docstrings name types in prose: 'str, optional', 'list of str', 'int or None'."""
    if not text:
        return {}, False
    optional = bool(re.search(r"\boptional\b", text))
    text = re.sub(r",?\s*optional\b", "", text).strip()
    if text.startswith("{") and text.endswith("}"):  # NumPy's way of listing allowed values
        try:
            values = sorted(ast.literal_eval(text), key=str)
            kinds = {type(v) for v in values}
            return ({**_json_type(values[0]), "enum": values} if len(kinds) == 1 else {"enum": values}), optional
        except (ValueError, SyntaxError, TypeError, IndexError):
            return {}, optional
    match = re.match(r"^(list|List|sequence|array)\s+of\s+(\w+)$", text)
    if match:
        items, _ = _schema_from_doc_type(match.group(2))
        return ({"type": "array", "items": items} if items else {"type": "array"}), optional
    if re.search(r"\bor None$", text):
        optional = True
        text = re.sub(r"\s+or None$", "", text)
    try:
        schema, none_allowed = schema_for(ast.parse(text, mode="eval").body)
        return schema, optional or none_allowed
    except SyntaxError:
        return {}, optional


SECTION_NAMES = {
    "args": "params", "arguments": "params", "parameters": "params", "params": "params",
    "keyword args": "params", "keyword arguments": "params", "other parameters": "params",
    "returns": "returns", "return": "returns", "yields": "returns",
    "raises": "raises", "exceptions": "raises", "except": "raises",
}


def _split_sections(lines):
    """Splits docstring lines into (summary lines, {section: (style, [lines])}) for Google and NumPy layouts."""
    summary, sections, current = [], {}, None
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        indented = line.startswith((" ", "\t"))
        underlined = i + 1 < len(lines) and re.match(r"^-{3,}\s*$", lines[i + 1].strip())
        google = re.match(r"^([A-Za-z][A-Za-z ]*):\s*$", stripped)
        if underlined and not indented:
            current = SECTION_NAMES.get(stripped.lower(), "other")
            sections.setdefault(current, ("numpy", []))
            i += 2
            continue
        if google and not indented:
            current = SECTION_NAMES.get(google.group(1).lower(), "other")
            sections.setdefault(current, ("google", []))
            i += 1
            continue
        if current is None:
            summary.append(line)
        else:
            sections[current][1].append(line)
        i += 1
    return summary, sections


def _items(lines):
    """Groups section lines into (head, description) items: an item starts at the least indented lines."""
    content = [l for l in lines if l.strip()]
    if not content:
        return []
    base = min(len(l) - len(l.lstrip()) for l in content)
    items = []
    for line in content:
        indent = len(line) - len(line.lstrip())
        if indent == base:
            items.append([line.strip(), []])
        elif items:
            items[-1][1].append(line.strip())
    return [(head, " ".join(rest)) for head, rest in items]


def _parse_param_item(style, head, rest):
    if style == "numpy":
        match = re.match(r"^\*{0,2}(\w+)\s*(?::\s*(.+))?$", head)
        return (match.group(1), match.group(2), rest) if match else None
    match = re.match(r"^\*{0,2}(\w+)\s*(?:\(([^)]*)\))?\s*:\s*(.*)$", head)
    if match:
        return match.group(1), match.group(2), " ".join(p for p in [match.group(3), rest] if p)
    return None


def _parse_returns(style, head, rest):
    if style == "numpy":
        named = re.match(r"^(\w+)\s*:\s*(.+)$", head)
        if named:
            return {"type": named.group(2).strip(), "description": rest}
        return {"type": head.strip(), "description": rest}
    typed = re.match(r"^([\w\[\], .|]+?):\s*(.*)$", head)
    if typed and " " not in re.sub(r"\s*([,|\[\]])\s*", r"\1", typed.group(1).strip()):
        return {"type": typed.group(1).strip(), "description": " ".join(p for p in [typed.group(2), rest] if p)}
    return {"type": None, "description": " ".join(p for p in [head, rest] if p)}


def parse_docstring(doc):
    result = {"description": "", "params": {}, "returns": None, "raises": []}
    if not doc:
        return result
    rest_params = re.findall(r"^\s*:param\s+(?:(\S+)\s+)?(\w+):\s*(.*)$", doc, re.M)
    rest_types = dict(re.findall(r"^\s*:type\s+(\w+):\s*(.*)$", doc, re.M))
    if rest_params or re.search(r"^\s*:(returns?|raises?)", doc, re.M):
        summary = re.split(r"^\s*:", doc, maxsplit=1, flags=re.M)[0]
        result["description"] = " ".join(summary.split())
        for type_text, name, desc in rest_params:
            result["params"][name] = {"type": type_text or rest_types.get(name), "description": desc.strip()}
        ret = re.search(r"^\s*:returns?:\s*(.*)$", doc, re.M)
        rtype = re.search(r"^\s*:rtype:\s*(.*)$", doc, re.M)
        if ret or rtype:
            result["returns"] = {"type": rtype.group(1).strip() if rtype else None,
                                 "description": ret.group(1).strip() if ret else ""}
        for name, desc in re.findall(r"^\s*:raises?\s+(\w+):\s*(.*)$", doc, re.M):
            result["raises"].append({"name": name, "description": desc.strip()})
        return result
    summary, sections = _split_sections(doc.splitlines())
    result["description"] = " ".join(" ".join(summary).split())
    style, lines = sections.get("params", ("google", []))
    for head, rest in _items(lines):
        parsed = _parse_param_item(style, head, rest)
        if parsed:
            name, type_text, desc = parsed
            result["params"][name] = {"type": type_text, "description": desc.strip()}
    style, lines = sections.get("returns", ("google", []))
    returns = _items(lines)
    if returns:
        result["returns"] = _parse_returns(style, *returns[0])
    style, lines = sections.get("raises", ("google", []))
    for head, rest in _items(lines):
        match = re.match(r"^(\w[\w.]*)\s*:?\s*(.*)$", head)
        if match:
            desc = " ".join(p for p in [match.group(2), rest] if p)
            result["raises"].append({"name": match.group(1).split(".")[-1], "description": desc})
    return result


def _spec_for(func):
    doc = parse_docstring(ast.get_docstring(func))
    properties, required = {}, []
    args = func.args
    positional = args.posonlyargs + args.args
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    params = list(zip(positional, defaults)) + list(zip(args.kwonlyargs, args.kw_defaults))
    for arg, default in params:
        if arg.arg in ("self", "cls"):
            continue
        documented = doc["params"].get(arg.arg, {})
        if arg.annotation is not None:
            schema, optional = schema_for(arg.annotation)
        else:
            schema, optional = _schema_from_doc_type(documented.get("type"))
        schema = dict(schema)
        if documented.get("description"):
            schema["description"] = documented["description"]
        if default is not None and _is_constant(default) and not _is_none(default):
            schema["default"] = ast.literal_eval(default)
            if not {"type", "enum", "anyOf"} & schema.keys():
                schema = {**_json_type(schema["default"]), **schema}  # no hint: the default's type
        properties[arg.arg] = schema
        if default is None and not optional:
            required.append(arg.arg)
    parameters = {"type": "object", "properties": properties}
    if required:
        parameters["required"] = required
    responses = []
    returns = doc["returns"]
    if func.returns is not None or returns:
        if func.returns is not None:
            schema, _ = schema_for(func.returns)
        else:
            schema, _ = _schema_from_doc_type(returns.get("type"))
        schema = dict(schema)
        if returns and returns.get("description"):
            schema["description"] = returns["description"]
        responses.append(schema)
    return {
        "name": func.name,
        "description": doc["description"] or func.name.replace("_", " "),
        "parameters": parameters,
        "responses": responses,
        "errors": doc["raises"],
    }


def derive_specs(code):
    tree = ast.parse(code)
    return [_spec_for(stmt) for stmt in tree.body
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and not stmt.name.startswith("_")]
