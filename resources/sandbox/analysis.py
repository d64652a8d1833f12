"""Static checks of Python function code, computed with `ast` only: nothing in the code is run.

analyze(code) -> dict: syntax errors, functions, imports, network/process flags, load-time statements, and
each function's effects (effects.py: reads data, writes data, network, processes, runs at load).
(specgen.py, beside this file, derives function specs from signatures and docstrings.)

Run as a script it reads code on stdin and prints analyze() as JSON (`--specs` prints specgen's specs).
With `--serve` it answers one JSON request per line on stdin ({"op": "analyze"|"specs", "code": ...})
with one JSON line on stdout, so one process can serve many requests.

Load-time statements: a module may contain imports, function and class definitions, a docstring and
assignments of literal constants (numbers, strings, None, True/False and tuples/lists/dicts/sets of them).
`if NAME:` (e.g. `if TYPE_CHECKING:`) and `try:`/`except:` blocks made only of those are allowed too.
Anything else at the top level (calls, loops, other conditionals, assignments computed by calls, `with`)
would run when the module is defined, before the user calls anything, and is reported.
"""
import ast
import json
import os
import re
import sys

NETWORK_MODULES = {
    "socket", "ssl", "urllib", "urllib2", "urllib3", "http", "requests", "httpx", "aiohttp", "ftplib",
    "smtplib", "poplib", "imaplib", "telnetlib", "xmlrpc", "websocket", "websockets", "paramiko",
    "socketserver", "asyncssh", "grpc", "pycurl",
}
PROCESS_MODULES = {"subprocess", "multiprocessing", "pty", "pexpect", "sh", "ctypes", "cffi"}
OS_PROCESS_CALLS = re.compile(r"^(system|popen|fork|forkpty|kill|killpg|exec\w*|spawn\w*|posix_spawn\w*)$")


def _param(arg, kind, default):
    return {
        "name": arg.arg,
        "kind": kind,
        "hasDefault": default is not None,
        "default": ast.unparse(default) if default is not None else None,
        "annotation": ast.unparse(arg.annotation) if arg.annotation is not None else None,
    }


def _params(args):
    out = []
    positional = args.posonlyargs + args.args
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    for i, arg in enumerate(positional):
        kind = "positional_only" if i < len(args.posonlyargs) else "positional_or_keyword"
        out.append(_param(arg, kind, defaults[i]))
    if args.vararg is not None:
        out.append(_param(args.vararg, "var_positional", None))
    for arg, default in zip(args.kwonlyargs, args.kw_defaults):
        out.append(_param(arg, "keyword_only", default))
    if args.kwarg is not None:
        out.append(_param(args.kwarg, "var_keyword", None))
    return out


def _is_constant(node):
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        return _is_constant(node.operand)
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return all(_is_constant(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is not None and _is_constant(k) for k in node.keys) and all(_is_constant(v) for v in node.values)
    return False


def _try_statements(stmt):
    handlers = [s for h in stmt.handlers for s in h.body]
    return stmt.body + handlers + stmt.orelse + stmt.finalbody


def _load_time_kind(stmt):
    if isinstance(stmt, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Pass)):
        return None
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str):
        return None  # docstring or a bare string: evaluates nothing
    if isinstance(stmt, ast.Assign) and _is_constant(stmt.value):
        return None
    if isinstance(stmt, ast.AnnAssign) and (stmt.value is None or _is_constant(stmt.value)):
        return None
    if isinstance(stmt, ast.If) and "__name__" in ast.unparse(stmt.test):
        return "main block"
    if isinstance(stmt, ast.If) and isinstance(stmt.test, (ast.Name, ast.Attribute)) \
            and all(_load_time_kind(s) is None for s in stmt.body + stmt.orelse):
        return None  # `if TYPE_CHECKING:` around imports
    if isinstance(stmt, ast.Try) and all(_load_time_kind(s) is None for s in _try_statements(stmt)):
        return None  # `try: import x` / `except ImportError: x = None`
    if isinstance(stmt, ast.Expr):
        return "call" if isinstance(stmt.value, (ast.Call, ast.Await)) else "expression"
    if isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
        return "computed assignment"
    return type(stmt).__name__.lower()


class _Risks(ast.NodeVisitor):
    """Collects imports and uses that imply network or process access, anywhere in the code."""

    def __init__(self):
        self.imports = []
        self.risks = []
        self.os_names = set()

    def _flag_module(self, module, line):
        root = module.split(".")[0]
        if root in NETWORK_MODULES:
            self.risks.append({"line": line, "name": module, "kind": "network"})
        elif root in PROCESS_MODULES:
            self.risks.append({"line": line, "name": module, "kind": "process"})

    def visit_Import(self, node):
        for alias in node.names:
            self.imports.append({"line": node.lineno, "module": alias.name, "names": [], "alias": alias.asname})
            self._flag_module(alias.name, node.lineno)
            if alias.name == "os":
                self.os_names.add(alias.asname or "os")

    def visit_ImportFrom(self, node):
        module = node.module or ""
        names = [a.name for a in node.names]
        self.imports.append({"line": node.lineno, "module": module, "names": names, "alias": None})
        self._flag_module(module, node.lineno)
        if module == "os":
            for name in names:
                if OS_PROCESS_CALLS.match(name):
                    self.risks.append({"line": node.lineno, "name": "os." + name, "kind": "process"})

    def visit_Attribute(self, node):
        if isinstance(node.value, ast.Name) and node.value.id in self.os_names and OS_PROCESS_CALLS.match(node.attr):
            self.risks.append({"line": node.lineno, "name": "os." + node.attr, "kind": "process"})
        self.generic_visit(node)

    def visit_Call(self, node):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else None
        if name in ("__import__", "exec", "eval", "compile"):
            self.risks.append({"line": node.lineno, "name": name, "kind": "dynamic code"})
        if isinstance(func, ast.Attribute) and func.attr == "import_module":
            self.risks.append({"line": node.lineno, "name": "importlib.import_module", "kind": "dynamic code"})
        self.generic_visit(node)


def _recover_function_names(code):
    """Best effort when the code does not parse: top-level `def name(` lines, so the block can still be reviewed."""
    out = []
    for number, line in enumerate(code.splitlines(), start=1):
        match = re.match(r"(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(", line)
        if match:
            out.append({"name": match.group(1), "line": number, "params": [], "docstring": None,
                        "returns": None, "recovered": True, "firstLine": number, "endLine": 0})
    return out


def analyze(code):
    result = {"syntaxErrors": [], "functions": [], "classes": [], "imports": [], "risks": [],
              "network": False, "process": False, "loadTime": []}
    try:
        tree = ast.parse(code)
    except SyntaxError as error:
        result["syntaxErrors"].append({"line": error.lineno or 0, "column": error.offset or 0,
                                       "message": error.msg})
        result["functions"] = _recover_function_names(code)
        return result
    except (ValueError, RecursionError, MemoryError) as error:
        result["syntaxErrors"].append({"line": 0, "column": 0, "message": "the code cannot be parsed: %s" % error})
        return result
    for index, stmt in enumerate(tree.body):
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            result["functions"].append({
                "name": stmt.name, "line": stmt.lineno, "params": _params(stmt.args),
                "docstring": ast.get_docstring(stmt),
                "returns": ast.unparse(stmt.returns) if stmt.returns is not None else None,
                "recovered": False,
                # where the function is in its module (decorators included), so a review can point at it
                "firstLine": min([d.lineno for d in stmt.decorator_list] + [stmt.lineno]),
                "endLine": stmt.end_lineno,
            })
        elif isinstance(stmt, ast.ClassDef):
            result["classes"].append({"name": stmt.name, "line": stmt.lineno,
                                      "bases": [ast.unparse(b) for b in stmt.bases]})
        kind = _load_time_kind(stmt)
        if kind is not None:
            text = ast.get_source_segment(code, stmt) or ""
            result["loadTime"].append({"line": stmt.lineno, "kind": kind, "text": text.splitlines()[0][:120]
                                       if text else ""})
    result["effects"] = _effects_module().effects(tree, result["loadTime"])
    risks = _Risks()
    risks.visit(tree)
    result["imports"] = risks.imports
    result["risks"] = risks.risks
    result["network"] = any(r["kind"] == "network" for r in risks.risks)
    result["process"] = any(r["kind"] == "process" for r in risks.risks)
    return result


def _beside():
    # Run with -I, Python leaves this file's folder off sys.path; specgen.py and effects.py live beside it.
    here = os.path.dirname(os.path.abspath(__file__))
    if here not in sys.path:
        sys.path.insert(0, here)


def _specgen():
    _beside()
    from specgen import derive_specs
    return derive_specs


def _effects_module():
    _beside()
    import effects
    return effects


def _answer(request):
    op = request.get("op", "analyze")
    code = request.get("code", "")
    if op == "analyze":
        return {"ok": True, "result": analyze(code)}
    if op == "specs":
        derive_specs = _specgen()
        try:
            return {"ok": True, "result": derive_specs(code)}
        except SyntaxError as error:
            return {"ok": False, "error": "syntax error at line %s: %s" % (error.lineno, error.msg)}
    return {"ok": False, "error": "unknown op %r" % op}


def serve():
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            answer = _answer(json.loads(line))
        except Exception as error:  # a bad request must not end the process
            answer = {"ok": False, "error": "%s: %s" % (type(error).__name__, error)}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    if "--serve" in sys.argv:
        serve()
    elif "--specs" in sys.argv:
        derive_specs = _specgen()
        print(json.dumps(derive_specs(sys.stdin.read()), indent=2))
    else:
        print(json.dumps(analyze(sys.stdin.read()), indent=2))
