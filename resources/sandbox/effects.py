"""What each function of a module may do to the world, derived with `ast` only: nothing in the code is run.

effects(tree) -> {"module": {...}, "functions": {name: {...}}}, each {"effects": [...], "reasons": [...]}.

The effects are "reads_data", "writes_data", "network", "processes" and "runs_at_load". A function's effects
are those of its own body (decorators and defaults included), of every top-level function or class of the
module it refers to by name (helpers, classes, functions passed as values), and of the module's top-level
code, which runs with every call. The derivation is conservative: whatever it cannot resolve counts as every
effect it could be -- a computed `getattr`, `exec`/`eval`/`compile`, `__import__`, `importlib`, `builtins`,
`ctypes`, an `open` whose mode is not a constant, and any use of a module from outside the standard library
(its code is not read here). The sandbox enforces the approved effects, so what the derivation misses fails
when it is tried instead of succeeding.
"""
import ast
import re
import sys

READS = "reads_data"
WRITES = "writes_data"
NETWORK = "network"
PROCESSES = "processes"
AT_LOAD = "runs_at_load"
EVERYTHING = (READS, WRITES, NETWORK, PROCESSES)
ORDER = (READS, WRITES, NETWORK, PROCESSES, AT_LOAD)

STDLIB = frozenset(getattr(sys, "stdlib_module_names", ())) or frozenset({
    "abc", "argparse", "array", "ast", "asyncio", "base64", "bisect", "builtins", "bz2", "calendar", "cmath",
    "codecs", "collections", "contextlib", "copy", "csv", "ctypes", "dataclasses", "datetime", "decimal",
    "difflib", "enum", "errno", "fnmatch", "fractions", "functools", "glob", "gzip", "hashlib", "heapq", "hmac",
    "html", "http", "importlib", "io", "itertools", "json", "logging", "lzma", "math", "multiprocessing",
    "numbers", "operator", "os", "pathlib", "pickle", "platform", "pprint", "pty", "queue", "random", "re",
    "secrets", "shelve", "shlex", "shutil", "signal", "socket", "sqlite3", "ssl", "statistics", "string",
    "struct", "subprocess", "sys", "tarfile", "tempfile", "textwrap", "threading", "time", "timeit", "types",
    "typing", "unicodedata", "urllib", "uuid", "warnings", "weakref", "xml", "zipfile", "zlib", "zoneinfo"})

# Qualified names (or their prefixes, up to a dot) and what using them means. Longest match wins.
UNRESOLVED = "unresolved"
QUALIFIED = {
    # Code the checks cannot follow.
    "builtins": UNRESOLVED, "importlib": UNRESOLVED, "ctypes": UNRESOLVED, "_ctypes": UNRESOLVED,
    "cffi": UNRESOLVED, "sys.modules": UNRESOLVED, "posix": UNRESOLVED, "_posixsubprocess": UNRESOLVED,
    "_io": UNRESOLVED, "runpy": UNRESOLVED, "code": UNRESOLVED, "codeop": UNRESOLVED, "gc": UNRESOLVED,
    "operator.attrgetter": UNRESOLVED, "operator.methodcaller": UNRESOLVED, "marshal": UNRESOLVED,
    "pydoc": UNRESOLVED, "inspect": UNRESOLVED,
    # Processes.
    "subprocess": (PROCESSES,), "multiprocessing": (PROCESSES,), "pty": (PROCESSES,),
    "concurrent.futures.ProcessPoolExecutor": (PROCESSES,), "concurrent.futures.process": (PROCESSES,),
    "asyncio.create_subprocess_exec": (PROCESSES,), "asyncio.create_subprocess_shell": (PROCESSES,),
    "asyncio.subprocess": (PROCESSES,), "webbrowser": (PROCESSES, NETWORK), "platform.popen": (PROCESSES,),
    # Network.
    "urllib.request.urlretrieve": (NETWORK, READS, WRITES),
    "socket": (NETWORK,), "ssl": (NETWORK,), "urllib.request": (NETWORK,), "urllib.urlopen": (NETWORK,),
    "http.client": (NETWORK,), "http.server": (NETWORK,), "ftplib": (NETWORK,), "smtplib": (NETWORK,),
    "poplib": (NETWORK,), "imaplib": (NETWORK,), "nntplib": (NETWORK,), "telnetlib": (NETWORK,),
    "xmlrpc": (NETWORK,), "socketserver": (NETWORK,), "asyncio.open_connection": (NETWORK,),
    "asyncio.start_server": (NETWORK,), "asyncio.open_unix_connection": (NETWORK,),
    "asyncio.start_unix_server": (NETWORK,), "wsgiref.simple_server": (NETWORK,), "smtpd": (NETWORK,),
    # Files: reading and writing.
    "shelve": (READS, WRITES), "dbm": (READS, WRITES), "sqlite3": (READS, WRITES),
    "shutil.disk_usage": (READS,), "shutil.which": (READS,), "shutil": (READS, WRITES),
    "logging.FileHandler": (WRITES,), "logging.handlers": (WRITES,), "logging.basicConfig": (WRITES,),
    "glob": (READS,), "filecmp": (READS,), "fileinput": (READS, WRITES), "linecache": (READS,),
    "pathlib": (), "tempfile": (),
}
OS_PROCESSES = re.compile(r"^(system|popen|fork|forkpty|kill|killpg|exec\w*|spawn\w*|posix_spawn\w*|"
                          r"pidfd_\w+|register_at_fork)$")
OS_WRITES = re.compile(r"^(remove|unlink|rename|renames|replace|mkdir|makedirs|rmdir|removedirs|chmod|lchmod|"
                       r"chown|lchown|fchmod|fchown|utime|symlink|link|truncate|ftruncate|mkfifo|mknod|"
                       r"setxattr|removexattr|write|pwrite|writev|sendfile|copy_file_range|chdir|chroot)$")
OS_READS = re.compile(r"^(listdir|scandir|walk|fwalk|stat|lstat|access|readlink|read|pread|readv|getxattr|"
                      r"listxattr|statvfs|path\.(exists|lexists|isfile|isdir|islink|ismount|getsize|getmtime|"
                      r"getatime|getctime|samefile|realpath))$")
# open()-like callables: where their mode argument is and what it is when left out.
OPENERS = {"open": (1, "r"), "io.open": (1, "r"), "codecs.open": (1, "r"), "gzip.open": (1, "rb"),
           "bz2.open": (1, "rb"), "lzma.open": (1, "rb"), "gzip.GzipFile": (1, "rb"), "bz2.BZ2File": (1, "r"),
           "lzma.LZMAFile": (1, "r"), "tarfile.open": (1, "r"), "tarfile.TarFile": (1, "r"),
           "zipfile.ZipFile": (1, "r"), "os.fdopen": (1, "r"), "io.FileIO": (1, "r"),
           "os.open": None}
# Methods recognised by name on any object (pathlib paths and the like).
METHOD_WRITES = {"write_text", "write_bytes", "touch", "mkdir", "unlink", "rmdir", "chmod", "lchmod",
                 "symlink_to", "hardlink_to", "link_to"}
METHOD_READS = {"read_text", "read_bytes", "iterdir", "glob", "rglob", "is_file", "is_dir", "exists", "samefile",
                "readlink"}
# Path.rename(target) and Path.replace(target) take one argument; str.replace and DataFrame.rename do not.
METHOD_WRITES_ONE_ARG = {"rename", "replace"}
DYNAMIC_BUILTINS = {"exec", "eval", "compile", "__import__", "globals", "locals", "breakpoint"}
DUNDER_ESCAPES = {"__builtins__", "__globals__", "__subclasses__", "__getattribute__", "__code__", "__closure__",
                  "__import__", "__loader__", "__spec__", "__self__", "__func__", "__wrapped__", "__reduce__",
                  "__reduce_ex__", "f_globals", "f_builtins", "f_locals", "gi_frame", "tb_frame", "f_back"}


def _mode_effects(mode):
    effects = {READS}
    if any(c in mode for c in "wax+"):
        effects.add(WRITES)
    return effects


def _constant_str(node):
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


class _Scope:
    """Effects found in one piece of code, with reasons, and the top-level names it refers to."""

    def __init__(self):
        self.effects = set()
        self.reasons = []
        self.refers = set()

    def add(self, effects, line, what):
        self.effects.update(effects)
        for effect in effects:
            _add_reason(self.reasons, {"effect": effect, "line": line, "what": what})


class _Finder(ast.NodeVisitor):
    def __init__(self, imports, top_names, scope, local_names=frozenset()):
        self.imports = imports  # local name -> qualified name
        self.top_names = top_names - local_names  # a parameter or local variable hides a top-level name
        self.scope = scope
        self.handled = set()  # ids of nodes already judged as part of a larger expression

    # --- names -------------------------------------------------------------------------------------------
    def qualified(self, node):
        """`a.b.c` whose root is an imported name or a builtin, as a qualified name; else None."""
        parts = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        root = self.imports.get(node.id)
        if root is None:
            # Of the builtins only open() is judged by name; the dynamic ones are judged where they are used.
            if node.id != "open" or node.id in self.top_names:
                return None
            root = "open"
        return ".".join([root] + list(reversed(parts)))

    def judge(self, name, line, call=None):
        if name is None:
            return
        if name in OPENERS:
            self.opener(name, line, call)
            return
        root = name.split(".")[0]
        if root not in STDLIB and root != "open":
            self.scope.add(EVERYTHING, line, "uses %s, from outside the standard library (not checked)" % root)
            return
        if root == "os" and name != "os":
            rest = name[3:]
            if OS_PROCESSES.match(rest):
                self.scope.add((PROCESSES,), line, name)
            elif OS_WRITES.match(rest):
                self.scope.add((WRITES,), line, name)
            elif OS_READS.match(rest):
                self.scope.add((READS,), line, name)
            elif rest in ("environ", "getcwd", "sep", "linesep", "getpid", "cpu_count", "urandom") \
                    or rest.startswith("path."):
                pass
            return
        probe = name
        while True:
            rule = QUALIFIED.get(probe)
            if rule is not None:
                if rule == UNRESOLVED:
                    self.scope.add(EVERYTHING, line, "uses %s, which the checks cannot follow" % name)
                elif rule:
                    self.scope.add(rule, line, name)
                return
            if "." not in probe:
                return
            probe = probe.rsplit(".", 1)[0]

    def opener(self, name, line, call):
        spec = OPENERS[name]
        shown = "open" if name == "open" else name
        if spec is None or call is None:
            self.scope.add((READS, WRITES), line, "%s (its mode is not known)" % shown)
            return
        index, default = spec
        mode = default
        if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
            mode = None
        elif len(call.args) > index:
            mode = _constant_str(call.args[index])
        else:
            for keyword in call.keywords:
                if keyword.arg == "mode":
                    mode = _constant_str(keyword.value)
        if mode is None:
            self.scope.add((READS, WRITES), line, "%s with a mode that is not a constant" % shown)
        else:
            self.scope.add(_mode_effects(mode), line, "%s(..., %r)" % (shown, mode))

    # --- visitors ----------------------------------------------------------------------------------------
    def visit_Call(self, node):
        func = node.func
        if isinstance(func, ast.Name) and func.id in DYNAMIC_BUILTINS and func.id not in self.imports \
                and func.id not in self.top_names:
            self.scope.add(EVERYTHING, node.lineno, "%s() runs or reaches code the checks cannot see" % func.id)
        elif isinstance(func, ast.Name) and func.id in ("getattr", "setattr", "delattr") \
                and func.id not in self.imports and func.id not in self.top_names:
            name = _constant_str(node.args[1]) if len(node.args) > 1 else None
            if name is None:
                self.scope.add(EVERYTHING, node.lineno, "%s with a computed name" % func.id)
            elif len(node.args) > 0:
                self.judge_attribute(node.args[0], name, node.lineno, None)
        elif isinstance(func, ast.Name) and func.id == "vars" and func.id not in self.top_names and node.args \
                and self.qualified(node.args[0]) is not None:
            self.scope.add(EVERYTHING, node.lineno, "vars() of a module")
        if isinstance(func, ast.Name) and func.id in _DYNAMIC_VALUES:
            self.handled.add(id(func))
        qualified = self.qualified(func) if isinstance(func, (ast.Name, ast.Attribute)) else None
        if qualified is not None:
            self.handled.add(id(func))
            self.judge(qualified, node.lineno, node)
        elif isinstance(func, ast.Attribute):
            self.method(func, node)
        self.generic_visit(node)

    def judge_attribute(self, obj, attr, line, call):
        base = self.qualified(obj)
        if base is not None:
            self.judge(base + "." + attr, line, call)
        elif attr in METHOD_WRITES:
            self.scope.add((WRITES,), line, "." + attr + "()")

    def method(self, func, call):
        attr = func.attr
        if attr in METHOD_WRITES:
            self.scope.add((WRITES,), call.lineno, "." + attr + "()")
        elif attr in METHOD_READS:
            self.scope.add((READS,), call.lineno, "." + attr + "()")
        elif attr in METHOD_WRITES_ONE_ARG and len(call.args) == 1 and not call.keywords:
            self.scope.add((WRITES,), call.lineno, "." + attr + "(target)")
        elif attr == "open":
            modes = [_constant_str(a) for a in call.args] + [_constant_str(k.value) for k in call.keywords
                                                              if k.arg == "mode"]
            mode_keyword = [k for k in call.keywords if k.arg == "mode"]
            effects = {READS}
            if any(m is not None and re.fullmatch(r"[rwxabtU+]{1,4}", m) and any(c in m for c in "wax+")
                   for m in modes) or any(_constant_str(k.value) is None for k in mode_keyword):
                effects.add(WRITES)
            self.scope.add(effects, call.lineno, ".open()")

    def visit_Attribute(self, node):
        if node.attr in DUNDER_ESCAPES:
            self.scope.add(EVERYTHING, node.lineno, "reaches %s, which the checks cannot follow" % node.attr)
        if id(node) not in self.handled:
            qualified = self.qualified(node)
            if qualified is not None:
                self.handled.add(id(node))
                self.judge(qualified, node.lineno)
        # The chain below was judged as a whole.
        inner = node.value
        while isinstance(inner, ast.Attribute):
            self.handled.add(id(inner))
            inner = inner.value
        if isinstance(inner, ast.Name):
            self.handled.add(id(inner))
        self.generic_visit(node)

    def visit_Name(self, node):
        if node.id in self.top_names:
            self.scope.refers.add(node.id)
            return
        if id(node) in self.handled or not isinstance(node.ctx, ast.Load):
            return
        if node.id in DUNDER_ESCAPES:
            self.scope.add(EVERYTHING, node.lineno, "reaches %s, which the checks cannot follow" % node.id)
            return
        if node.id in _DYNAMIC_VALUES and node.id not in self.imports:
            # `g = getattr`, `run = eval`: called later with arguments the checks do not see.
            self.scope.add(EVERYTHING, node.lineno, "%s used as a value" % node.id)
            return
        qualified = self.qualified(node)
        if qualified is not None:
            # A name used as a value (`f = open`, `run = os.system`): the call's arguments are unknown.
            self.judge(qualified, node.lineno)

    def visit_Import(self, node):
        return  # imports are judged where the names are used

    def visit_ImportFrom(self, node):
        return


_DYNAMIC_VALUES = DYNAMIC_BUILTINS | {"getattr", "setattr", "delattr", "vars"}


def _imports(tree):
    """Every name bound by an import anywhere in the module, to the qualified name it stands for."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    names[alias.asname] = alias.name
                else:
                    root = alias.name.split(".")[0]
                    names[root] = root
        elif isinstance(node, ast.ImportFrom):
            module = ("." * node.level) + (node.module or "")
            for alias in node.names:
                if alias.name == "*":
                    names["*" + module] = module
                else:
                    names[alias.asname or alias.name] = module + "." + alias.name
    return names


def _load_time_parts(stmt):
    """What of a top-level statement runs when the module loads: all of it, except function and class bodies."""
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return stmt.decorator_list + stmt.args.defaults + [d for d in stmt.args.kw_defaults if d is not None]
    if isinstance(stmt, ast.ClassDef):
        parts = stmt.decorator_list + stmt.bases + [k.value for k in stmt.keywords]
        for inner in stmt.body:
            parts.extend(_load_time_parts(inner))
        return parts
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        return []
    if _is_main_block(stmt):
        # The sandbox names a module after itself, never "__main__", so this body never runs there.
        return [stmt.test] + stmt.orelse
    return [stmt]


def _is_main_block(stmt):
    test = stmt.test if isinstance(stmt, ast.If) else None
    return isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id == "__name__" \
        and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq) and len(test.comparators) == 1 \
        and _constant_str(test.comparators[0]) == "__main__"


def _scan(nodes, imports, top_names, local_names=frozenset()):
    scope = _Scope()
    finder = _Finder(imports, top_names, scope, local_names)
    for node in nodes:
        finder.visit(node)
    return scope


def _result(effects, reasons):
    return {"effects": [e for e in ORDER if e in effects],
            "reasons": sorted(reasons, key=lambda r: (ORDER.index(r["effect"]), r["line"]))}


def effects(tree, load_time_statements):
    """Effects of the module's top level and of each top-level function, closed over the names they use."""
    imports = _imports(tree)
    defs = {}
    for stmt in tree.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defs[stmt.name] = stmt
    top_names = set(defs)
    module = _scan([p for stmt in tree.body for p in _load_time_parts(stmt)], imports, top_names)
    for star in [k for k in imports if k.startswith("*")]:
        module.add(EVERYTHING, 0, "from %s import *: the names it brings are not known" % imports[star])
    if load_time_statements:
        first = load_time_statements[0]
        module.add((AT_LOAD,), first["line"], "%s at the top level (%s)" % (first["kind"], first["text"]))
    bodies = {name: _scan_def(node, imports, top_names) for name, node in defs.items()}
    # What the module's top level refers to runs at load too (e.g. a helper called to build a constant).
    module_effects, module_reasons = _closure(module, bodies)
    functions = {}
    for name in defs:
        effects_, reasons = _closure(bodies[name], bodies)
        for reason in module_reasons:
            effects_.add(reason["effect"])
            _add_reason(reasons, dict(reason, what="at load: " + reason["what"]))
        functions[name] = _result(effects_, reasons)
    return {"module": _result(module_effects, module_reasons), "functions": functions}


def _scan_def(node, imports, top_names):
    if isinstance(node, ast.ClassDef):
        return _scan(node.body, imports, top_names)
    return _scan(node.body + [node.args], imports, top_names, _local_names(node))


def _local_names(function):
    """Names a function binds itself (parameters, assignments), unless declared global: they are not the module's."""
    names = {a.arg for a in ast.walk(function.args) if isinstance(a, ast.arg)}
    declared_global = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Global):
            declared_global.update(node.names)
    return frozenset(names - declared_global)


MAX_REASONS = 40


def _add_reason(reasons, reason):
    """Every place that shows an effect, once, up to a bound (a reviewer reads them; a generated module could
    have thousands)."""
    if len(reasons) < MAX_REASONS and not any(r["effect"] == reason["effect"] and r["line"] == reason["line"]
                                              for r in reasons):
        reasons.append(reason)


def _closure(start, bodies):
    effects_ = set(start.effects)
    reasons = list(start.reasons)
    seen = set()
    todo = list(start.refers)
    while todo:
        name = todo.pop()
        if name in seen or name not in bodies:
            continue
        seen.add(name)
        for reason in bodies[name].reasons:
            effects_.add(reason["effect"])
            _add_reason(reasons, dict(reason, what="%s (in %s)" % (reason["what"], name)))
        todo.extend(bodies[name].refers)
    return effects_, reasons
