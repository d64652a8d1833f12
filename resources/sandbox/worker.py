"""Toolsmith sandbox worker: runs approved Python functions for the app.

Speaks one JSON object per line: requests on the protocol input (the original
stdin), replies on the protocol output (a copy of the original stdout). The
worker itself never runs a function's code: `define` only compiles and keeps
it, and every `call` runs in a child process of its own. That child is forked
ahead of time, while the worker waits for requests (a fork is the slow part of
a call): it closes the protocol output and, while it waits, reads the app's
requests itself, so that a call wakes one process and not two. Every other
request it hands on to the worker; a call it keeps, and before any of the
call's code runs it replaces the app's channel with /dev/null. Then it loads
the module (its top-level code runs now), calls the function, writes its
result to a pipe and ends; then everything it left running is killed, and
the next child is forked. So no call can change another, nothing outlives its
call, and no function can reach the protocol.

Requests:  {"op": "define", "seq", "module", "code"} | {"op": "undefine", "seq", "module"}
           {"op": "call", "seq", "id", "module", "function", "args", ["code"]} | {"op": "ping", "seq"}
           (a call with "code" runs that code once, without keeping it; a ping answers once the next
           call's process is forked and waiting, "spare": true)
Replies:   {"ok": true, "seq", ...} or {"ok": false, "seq", "error": {"name", "message", "traceback"}}

The in-process `InProcessRunner` at the end serves the microsandbox backend,
whose virtual machine is the boundary there.
"""
import binascii
import gc
import importlib
import importlib.machinery
import io
import json
import os
import select
import signal
import stat
import sys
import time
import types

# Only calls need these; the worker imports them when its first request arrives (see serve), so that its start
# does not wait for them, a worker never asked anything (opened to show the sandbox's isolation) never imports
# them, and every call's process finds them loaded.
base64 = datetime = decimal = linecache = traceback = None

LIMITS = json.loads(sys.argv[1]) if __name__ == "__main__" and len(sys.argv) > 1 else {}
OUTPUT_CAP = int(LIMITS.get("output_cap", 1 << 20))
RESULT_CAP = OUTPUT_CAP
TEXT_CAP = 20000
# What a child may send back: its result (escaping at most doubles it) and an error with capped texts.
MESSAGE_CAP = 2 * RESULT_CAP + (256 << 10)
STDLIB = frozenset(getattr(sys, "stdlib_module_names", ()))
# Standard modules whose import does something visible (opens a browser, prints, needs a display).
NOT_PRELOADED = frozenset({"antigravity", "this", "__hello__", "__phello__", "tkinter", "turtle", "turtledemo",
                           "idlelib", "pydoc", "webbrowser"})


def _import_for_calls():
    global base64, datetime, decimal, linecache, traceback
    import base64
    import datetime
    import decimal
    import linecache
    import traceback


def _add_site_packages():
    """Puts the installation's site-packages folders and the folders their .pth files name on sys.path, as
    Python's `site` step would, without running the `import` lines of .pth files: the worker starts with -S,
    because those lines may import anything (tens of milliseconds at every start, on some machines hundreds)."""
    import site  # with -S it is only imported, not run
    # What else `site` gives every program: exit() and quit(), help(), copyright and the like.
    site.setquit()
    site.setcopyright()
    site.sethelper()
    for folder in site.getsitepackages():
        try:
            names = sorted(name for name in os.listdir(folder) if name.endswith(".pth"))
        except OSError:
            continue
        _add_path(folder)
        for name in names:
            try:
                with open(os.path.join(folder, name), encoding="utf-8") as pth:
                    lines = pth.read().splitlines()
            except (OSError, UnicodeDecodeError):
                continue
            for line in lines:
                line = line.rstrip()
                if line and not line.startswith(("#", "import ", "import\t")):
                    path = os.path.join(folder, line)
                    if os.path.isdir(path):
                        _add_path(path)


def _add_path(folder):
    folder = os.path.abspath(folder)
    if folder not in sys.path:
        sys.path.append(folder)


def _apply_limits():
    # Applied once, before any user code runs; soft and hard limits are equal so
    # user code cannot raise them again. Children inherit them.
    try:
        import resource
    except ImportError:
        return
    for key, name in (("cpu", "RLIMIT_CPU"), ("memory", "RLIMIT_AS"),
                      ("file_size", "RLIMIT_FSIZE"), ("processes", "RLIMIT_NPROC")):
        value = LIMITS.get(key)
        if value and hasattr(resource, name):
            try:
                resource.setrlimit(getattr(resource, name), (int(value), int(value)))
            except (ValueError, OSError):
                pass


class _Kernel:
    """prctl calls through ctypes: the system-call filter, no core dumps, adopting orphans."""
    PR_SET_DUMPABLE = 4
    PR_SET_SECCOMP = 22
    PR_SET_CHILD_SUBREAPER = 36
    PR_SET_NO_NEW_PRIVS = 38
    SECCOMP_MODE_FILTER = 2

    def __init__(self):
        try:
            import ctypes
            self.ctypes = ctypes
            self.libc = ctypes.CDLL(None, use_errno=True)
        except (ImportError, OSError):
            self.ctypes = None

    def prctl(self, option, arg2=0, arg3=0):
        if self.ctypes is None:
            return "ctypes is not available"
        c = self.ctypes
        # prctl is variadic: pass full-width arguments, the kernel checks the unused ones are zero.
        if self.libc.prctl(c.c_ulong(option), c.c_ulong(arg2), c.c_ulong(arg3), c.c_ulong(0), c.c_ulong(0)) != 0:
            return os.strerror(c.get_errno())
        return None

    def install_filter(self, program):
        """Installs a classic-BPF seccomp program (sock_filter structs); answers None or why not."""
        if self.ctypes is None:
            return "ctypes is not available"
        c = self.ctypes
        if len(program) % 8 or not program:
            return "the filter program is malformed"

        class SockFprog(c.Structure):
            _fields_ = [("len", c.c_ushort), ("filter", c.c_void_p)]

        buffer = c.create_string_buffer(program, len(program))
        fprog = SockFprog(len(program) // 8, c.addressof(buffer))
        problem = self.prctl(self.PR_SET_NO_NEW_PRIVS, 1)
        if problem is None:
            problem = self.prctl(self.PR_SET_SECCOMP, self.SECCOMP_MODE_FILTER, c.addressof(fprog))
        return problem


def _protect(kernel):
    """Hardens the worker before anything else; returns what the ready line reports about the filter."""
    # Not dumpable: a child cannot open /proc/<worker>/fd/* or its memory to reach the protocol pipes.
    kernel.prctl(_Kernel.PR_SET_DUMPABLE, 0)
    # Orphans of a call become the worker's children, so they can be killed and reaped before the reply.
    kernel.prctl(_Kernel.PR_SET_CHILD_SUBREAPER, 1)
    program = LIMITS.get("seccomp")
    if not program:
        return {"active": False, "reason": LIMITS.get("seccomp_absent", "no filter was given")}
    problem = kernel.install_filter(binascii.a2b_base64(program))
    return {"active": problem is None, "reason": problem or ""}


def _confine_call():
    """The call's own system-call filter, on top of the worker's (the worker itself must fork): for a function
    not approved to start processes, fork and exec are refused. A process that cannot install it runs no call."""
    program = LIMITS.get("call_seccomp")
    if program and _Kernel().install_filter(binascii.a2b_base64(program)) is not None:
        os._exit(71)


def _write_all(fd, data):
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


class FdWriter(io.TextIOBase):
    """sys.stdout/sys.stderr of a call: writes to fd 1 (the capture file) up to the cap, counts the rest."""

    def __init__(self, cap):
        self.room = cap
        self.dropped = 0

    def writable(self):
        return True

    def fileno(self):
        return 1

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError("write() argument must be str, not " + type(text).__name__)
        data = text.encode("utf-8", "replace")
        if len(data) > self.room:
            self.dropped += len(data) - self.room
            data = data[:self.room]
        if data:
            self.room -= len(data)
            try:
                _write_all(1, data)
            except OSError:
                pass
        return len(text)

    @property
    def encoding(self):
        return "utf-8"


def _to_json_value(value):
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, decimal.Decimal):
        return str(value)
    return repr(value)


def _sanitize(value, depth=0):
    """Slow path for values json cannot take directly (odd keys, NaN, cycles)."""
    if depth > 100:
        return repr(value)
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if value == value and value not in (float("inf"), float("-inf")) else repr(value)
    if isinstance(value, dict):
        return {str(k) if isinstance(k, str) else (k if isinstance(k, (int, float, bool)) else repr(k)):
                _sanitize(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_sanitize(v, depth + 1) for v in value]
    converted = _to_json_value(value)
    return converted if isinstance(converted, str) else _sanitize(converted, depth + 1)


def _encode_result(result):
    try:
        text = json.dumps(result, default=_to_json_value, allow_nan=False)
    except (TypeError, ValueError, RecursionError):
        text = json.dumps(_sanitize(result), default=repr, allow_nan=False)
    if len(text) > RESULT_CAP:
        note = "... [result cut: %d bytes is over the %d-byte limit]" % (len(text), RESULT_CAP)
        text = json.dumps(text[:RESULT_CAP] + note)
    return text


def _cut(text):
    return text if len(text) <= TEXT_CAP else text[:TEXT_CAP] + "... [cut]"


def _error(exc, skip_frames=1):
    tb = exc.__traceback__
    for _ in range(skip_frames):
        if tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
    lines = traceback.format_exception(type(exc), exc, tb)
    try:
        message = str(exc)
    except Exception:  # a hostile __str__
        message = ""
    return {"name": _cut(type(exc).__name__), "message": _cut(message), "traceback": "".join(lines)[-TEXT_CAP:]}


def _error_line(exc, filename):
    line = 0
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        if frame.f_code.co_filename == filename:
            line = lineno
    return line


def _sandbox_error(message):
    return {"name": "SandboxError", "message": message, "traceback": ""}


def _compile(name, code):
    """(compiled, tree, None) or (None, None, error) with the line of a syntax error."""
    import ast  # only needed once there is code: keeps the worker's start short
    filename = "<%s>" % name
    try:
        tree = ast.parse(code, filename)
        return compile(tree, filename, "exec"), tree, None
    except (SyntaxError, ValueError) as exc:
        return None, None, {"name": type(exc).__name__, "message": getattr(exc, "msg", None) or str(exc),
                            "line": getattr(exc, "lineno", 0) or 0, "traceback": ""}


def _imported_names(tree):
    """Absolute module names imported anywhere in the code, with the line, in order."""
    import ast
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module, node.lineno


class _DefinedModules:
    """Lets a call import another module defined in this worker (loaded in the call's own process).
    A finder and loader by protocol (importlib.abc would cost the worker's start tens of milliseconds)."""

    def __init__(self, modules):
        self.modules = modules

    def find_spec(self, fullname, path=None, target=None):
        if fullname in self.modules:
            return importlib.machinery.ModuleSpec(fullname, self)
        return None

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        compiled, source = self.modules[module.__name__]
        module.__file__ = "<%s>" % module.__name__
        _remember_source(module.__name__, source)
        exec(compiled, module.__dict__)


class Worker:
    def __init__(self, proto_in, proto_out, seccomp):
        self.proto = (proto_in, proto_out)
        self.pending = bytearray()
        self.scanned = 0
        self.spare = None
        # The app puts the worker into its process limit right after the ready line; a spare forked before
        # that would be outside it, so the first one waits for the first request.
        self.answered = False
        self.out = proto_out
        self.seccomp = seccomp
        self.modules = {}
        # kill(-1) is only safe in the sandbox's own pid namespace, where the worker has one of the first pids.
        self.pid_namespace = bool(LIMITS.get("pid_namespace")) and os.getpid() < 10
        # As the namespace's init, one kill(-1) ends every process of a call at once (see kill_call), so the
        # reply need not wait for them to be torn down; anywhere else the worker waits before it replies.
        self.init = self.pid_namespace and os.getpid() == 1
        # Whether the last call's processes were killed but not yet reaped (see settle).
        self.unreaped = False
        # Whether a call ran since the data folder was last scanned for names that are not UTF-8, and the
        # sentences about the renames not yet sent (see settle).
        self.unscanned = False
        self.renamed = []
        self.data_folder = os.path.expanduser("~/data")
        self.clean_tmp = bool(LIMITS.get("clean_tmp"))

    def reply(self, obj):
        _write_all(self.out, (json.dumps(obj) + "\n").encode("utf-8"))

    def serve(self):
        self.reply({"ok": True, "ready": True, "pid": os.getpid(), "python": sys.version.split()[0],
                    "seccomp": self.seccomp})
        imported = False
        while True:
            self.settle()
            if self.spare is None and self.answered and not self.pending and not self.input_waiting():
                # Idle: fork the next call's process now, so the call itself does not wait for a fork. From
                # now on it reads the app's requests (see next_request).
                self.fork_spare_quietly()
            line, taker = self.next_request()
            if line is None:
                break
            if not imported:
                _import_for_calls()
                imported = True
            seq = None
            try:
                request = json.loads(line)
                seq = request.get("seq")
                op = request.get("op")
                if op == "call":
                    self.reply_text(self.call(request, line, taker))
                elif op == "define":
                    self.reply(dict(self.define(request["module"], request["code"]), seq=seq))
                elif op == "undefine":
                    if self.modules.pop(request["module"], None) is not None:
                        self.discard_spare()
                    self.reply({"ok": True, "seq": seq})
                elif op == "ping":
                    self.reply({"ok": True, "seq": seq, "cpu": time.process_time(), "spare": self.spare_ready()})
                elif op == "settled":
                    # The loop settled the previous call before reading this line: its processes are reaped and
                    # no name in the data folder is undecodable; the renames are said here.
                    renamed, self.renamed = self.renamed, []
                    self.reply({"ok": True, "seq": seq, "renamed": renamed})
                else:
                    self.reply({"ok": False, "seq": seq, "error": _sandbox_error("unknown op %r" % op)})
            except Exception as exc:  # the loop must survive anything a request does
                self.reply({"ok": False, "seq": seq, "error": _error(exc, 0)})
            if taker is not None and self.spare is taker:
                self.discard_spare()  # it took a call that failed before it ran
            self.answered = True
        self.discard_spare()

    def next_request(self):
        """The next request line from the app and the spare process that took it as its call (None when the
        worker reads the call itself), or (None, None) at the end. While a spare process waits, it is the one that
        reads the app's channel (see _take_call); the worker reads it only while there is none. Read by hand
        rather than through a buffered file, so that input_waiting can tell whether a request is already here."""
        while True:
            end = self.pending.find(b"\n", self.scanned)
            if end >= 0:
                line = bytes(self.pending[:end + 1])
                del self.pending[:end + 1]
                self.scanned = 0
                return line, None
            self.scanned = len(self.pending)
            spare = self.spare
            if spare is not None and spare.calls is not None:
                kind, data = spare.handed_on()
                if kind == b"c":
                    return data, spare
                if kind == b"d":
                    return data, None
                # It gave the channel back with what it read (or ended): the worker reads it again.
                self.pending += data
                self.discard_spare()
                continue
            data = os.read(self.proto[0], 1 << 16)
            if not data:
                return None, None
            self.pending += data

    def input_waiting(self):
        if b"\n" in self.pending:
            return True
        poller = select.poll()
        poller.register(self.proto[0], select.POLLIN)
        return bool(poller.poll(0))

    def reply_text(self, text):
        _write_all(self.out, (text + "\n").encode("utf-8"))

    def define(self, name, code):
        compiled, tree, error = _compile(name, code)
        if error is not None:
            return {"ok": False, "error": error}
        missing = self._missing_import(tree)
        if missing is not None:
            return {"ok": False, "error": {"name": "ModuleNotFoundError", "line": missing[1], "traceback": "",
                                           "message": "No module named %r" % missing[0]}}
        self.modules[name] = (compiled, code)
        # A process forked before this definition would run the old code (or not find the module).
        self.discard_spare()
        self._preload(tree)
        return {"ok": True}

    def _missing_import(self, tree):
        """A top-level import that cannot succeed, found without running anything."""
        import ast
        import importlib.util
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for module, line in _imported_names(node):
                    top = module.split(".")[0]
                    if top in STDLIB or top in sys.modules or top in self.modules:
                        continue
                    try:
                        found = importlib.util.find_spec(top) is not None
                    except (ImportError, ValueError):
                        found = False
                    if not found:
                        return top, line
        return None

    def _preload(self, tree):
        """Imports the standard modules the code uses, so that a call finds them already loaded."""
        for module, _ in _imported_names(tree):
            top = module.split(".")[0]
            if top in STDLIB and top not in NOT_PRELOADED and module not in sys.modules:
                try:
                    importlib.import_module(module)
                except Exception:
                    pass
        try:
            os.ftruncate(1, 0)  # anything an import printed is not part of the next call's output
        except OSError:
            pass

    def call(self, request, line, taker=None):
        name = request.get("module")
        function = request.get("function")
        args = request.get("args") or {}
        head = {"ok": False, "seq": request.get("seq"), "id": request.get("id"), "output": "",
                "truncated": False, "elapsed": 0.0}
        code = request.get("code")
        if code is not None:
            compiled, _, error = _compile(name, code)
            entry = (compiled, code)
        else:
            entry = self.modules.get(name)
            error = None if entry is not None else {"name": "NameError", "traceback": "",
                                                    "message": "module %s is not defined" % name}
        if error is None and not isinstance(args, dict):
            error = {"name": "TypeError", "message": "the arguments must be an object", "traceback": ""}
        if error is not None:
            if taker is not None:
                # It read this call but runs nothing of it (it checks the same, see _runnable): it is only ended.
                self.discard_spare()
            head["error"] = error
            head["cpu"] = time.process_time()
            return json.dumps(head)
        started = time.perf_counter()
        message, status = self.run_child(line, taker)
        ok, result_text, error, dropped = self.read_message(message, status, function)
        if not self.unreaped:
            self.tidy_up()
        self.unscanned = True
        output, head["truncated"] = self.take_output(dropped)
        if self.renamed:
            # Renames from an earlier call that nobody asked about with `settled`: said with this call instead.
            output += ("\n" if output else "") + "\n".join(self.renamed)
            self.renamed = []
        head.update(ok=ok, output=output, elapsed=time.perf_counter() - started, cpu=time.process_time())
        if not ok:
            head["error"] = error
            return json.dumps(head)
        text = json.dumps(head)
        return text[:-1] + ', "result": ' + result_text + "}"

    def fork_spare(self, line=None):
        """Forks the process for the next call: it waits for its request, reading the app's channel (see
        spare_child); or, given the request line the worker read itself, runs that call at once."""
        result_read, result_write = os.pipe()
        calls_read, calls_write = os.pipe() if line is None else (None, None)
        # Objects that exist now are left out of garbage collection, so a collection in the child does not
        # write to (and copy) every page it shares with the worker.
        gc.freeze()
        try:
            pid = os.fork()
        except OSError:
            for fd in (result_read, result_write, calls_read, calls_write):
                if fd is not None:
                    os.close(fd)
            raise
        if pid == 0:
            try:
                os.close(result_read)
                if calls_read is not None:
                    os.close(calls_read)
                self.spare_child(result_write, calls_write, line)
            finally:
                os._exit(70)
        os.close(result_write)
        if calls_write is not None:
            os.close(calls_write)
            os.set_blocking(calls_read, False)
        try:
            pidfd = os.pidfd_open(pid)
        except (AttributeError, OSError):
            pidfd = None
        self.spare = _Spare(pid, result_read, calls_read, pidfd)
        # A process given its request sends no ready byte.
        self.spare.announced = line is not None
        return self.spare

    def fork_spare_quietly(self):
        try:
            self.fork_spare()
        except OSError:
            return  # the call forks again and reports why if it still cannot
        if not self.input_waiting():  # with a request already here, rehearsing would only delay it
            self.rehearse()

    def rehearse(self):
        """The worker shares its pages with the spare now, so its own writes copy them too: it goes through
        what it does for a call while it waits, not while the call is timed."""
        request = json.loads(_REHEARSAL_REQUEST)
        head = {"ok": False, "seq": request.get("seq"), "id": request.get("id"), "output": "",
                "truncated": False, "elapsed": 0.0}
        self.read_message(b'42\n{"ok": true, "dropped": 0}\n{"x": [1, 2.5]}', 0, "f")
        head.update(ok=True, output="", elapsed=time.perf_counter(), cpu=time.process_time())
        json.dumps(head)
        select.poll().register(self.proto[0], select.POLLIN)
        self.modules.get(request.get("module"))

    def spare_ready(self):
        """Makes sure the next call's process is forked and waiting; answers whether it is."""
        spare = self.spare
        if spare is None:
            if self.pending:
                return False  # a request is already here: a spare would read the app's channel after it
            try:
                spare = self.fork_spare()
            except OSError:
                return False
            self.rehearse()
        if not spare.announced:
            # Nothing of a function has run in this process yet, so waiting for its byte is safe.
            poller = select.poll()
            poller.register(spare.result, select.POLLIN)
            if spare.pidfd is not None:
                poller.register(spare.pidfd, select.POLLIN)
            poller.poll()
            try:
                os.set_blocking(spare.result, False)
                spare.announced = os.read(spare.result, 1) == b"r"
            except BlockingIOError:
                spare.announced = False
            finally:
                os.set_blocking(spare.result, True)
            if not spare.announced:
                self.discard_spare()
                return False
        return True

    def discard_spare(self):
        spare, self.spare = self.spare, None
        if spare is None:
            return
        try:
            os.kill(spare.pid, signal.SIGKILL)
        except OSError:
            pass
        try:
            os.waitpid(spare.pid, 0)
        except ChildProcessError:
            pass
        spare.close()

    def run_child(self, line, taker):
        """Runs the call in the process that took it (`taker`, the spare that read it from the app's channel), or
        in one forked for it now; answers what it sent back (bytes, or None when too long) and how it ended."""
        if taker is None:
            # No other process may exist while a call runs: a spare still waiting goes first.
            self.discard_spare()
            taker = self.fork_spare(line)
        spare, self.spare = taker, None
        if not spare.early:
            # Woken by the call's line while the call runs on the other processor: the pages its own side of a
            # call writes are copied now rather than after the call's message (see _Spare.handed_on).
            self.rehearse()
        try:
            message, complete = self.collect(spare)
            if complete and self.init:
                self.kill_call()
        finally:
            spare.close()
        if message is None:
            os.kill(spare.pid, signal.SIGKILL)
        elif not spare.announced:
            # The byte it sent when it was ready to take a request comes first.
            message = message[1:] if message[:1] == b"r" else b""
        if self.unreaped:
            return message, 0  # a whole message: how the process ended does not matter; settle reaps it
        _, status = os.waitpid(spare.pid, 0)
        return message, status

    def kill_call(self):
        """Ends every process of the call at once, without waiting for them to be torn down.

        The worker is pid 1 of the sandbox's pid namespace, so kill(-1, SIGKILL) reaches every other process
        in it; no spare exists during a call. The kernel marks each of them for exit inside this system call,
        under the lock that fork takes too (a fork that comes after it fails), so when it returns no process
        of the call can start another one and none runs its code again: a thread running on another processor
        leaves it at its next interrupt, one in a system call at its end. What is left is the kernel's tearing
        down, which settle waits for after the reply."""
        try:
            os.kill(-1, signal.SIGKILL)
        except OSError:
            pass
        self.unreaped = True

    def settle(self):
        """After the reply of a call: reaps its processes until none is left when kill_call ended them (orphans
        come back to the worker), empties the capture file and /tmp, and renames the data folder's names that are
        not UTF-8. Runs before the worker reads its next request, so the next call, a define, a ping or the
        app's `settled` finds nothing of the previous call, as before that reply."""
        if self.unreaped:
            self.unreaped = False
            self.tidy_up()
            _reset_capture()
        if self.unscanned:
            # After the reaping, so a name made by a system call that ended after the reply is caught too; and
            # off the reply's path, since it walks the whole folder. The app asks `settled` (which answers these
            # sentences) before it lists or snapshots the folder.
            self.unscanned = False
            self.renamed += _rename_undecodable_names(self.data_folder)

    def collect(self, spare):
        """Reads the child's message until it is complete (it says its length first), its pipe ends or the
        child exits. Answers the bytes (None when they grow over the cap) and whether the message is whole."""
        read_end, pidfd = spare.result, spare.pidfd
        start = 0 if spare.announced else 1  # after the ready byte
        # What the worker read of it already, when the process took its call from the app's channel.
        message, spare.early = bytearray(spare.early), b""
        if _frame(message, start) is not None:
            return bytes(message), True
        poller = select.poll()
        poller.register(read_end, select.POLLIN)
        if pidfd is not None:
            poller.register(pidfd, select.POLLIN)
        exited = False
        while not exited:
            for fd, _ in poller.poll():
                if fd == pidfd:
                    exited = True
                    continue
                data = os.read(read_end, 1 << 16)
                if not data:
                    return bytes(message), False
                message += data
                if len(message) > MESSAGE_CAP:
                    return None, False
                if _frame(message, start) is not None:
                    return bytes(message), True
        # The child is gone; what it wrote is in the pipe. Processes it left may hold the pipe open,
        # so read only what is there now.
        os.set_blocking(read_end, False)
        while True:
            try:
                data = os.read(read_end, 1 << 16)
            except BlockingIOError:
                break
            if not data:
                break
            message += data
            if len(message) > MESSAGE_CAP:
                return None, False
        return bytes(message), _frame(message, start) is not None

    def spare_child(self, result_fd, calls_fd, line):
        """The next call's process; never returns. Cut off from the protocol output, it reads the app's requests
        (fd 0) while it waits and hands on to the worker those that are not calls (see _take_call); the first
        call it keeps, hands its line to the worker through fd 4, and before any code of the call runs, fd 0
        becomes /dev/null and fd 4 is closed, so the call can reach neither. Given `line` (a call the worker read
        itself) it runs that call at once."""
        _confine_call()
        os.setsid()
        # Where each descriptor goes: 3 the result pipe, and while waiting 0 the app's channel, 4 the pipe for the
        # call's line, 5 /dev/null. Moved out of the way first, since any of them may hold one of those numbers now.
        places = [(3, result_fd)]
        if line is None:
            places += [(0, self.proto[0]), (4, calls_fd), (5, os.open(os.devnull, os.O_RDONLY))]
        for spot, (_, fd) in enumerate(places):
            os.dup2(fd, 200 + spot, inheritable=False)
        for fd in self.proto:
            os.close(fd)
        for spot, (target, _) in enumerate(places):
            os.dup2(200 + spot, target, inheritable=False)
        os.closerange(6 if line is None else 4, 1 << 16)
        if line is None:
            # The call's line is written at once or not at all (see _take_call); set now, off the call's path.
            os.set_blocking(4, False)
            waiting = select.poll()
            waiting.register(0, select.POLLIN)
            if not waiting.poll(0):  # with a request already here, rehearsing would only delay it
                _rehearse(self.modules)
        writer = self.prepare_call()
        if line is None:
            _write_all(3, b"r")
            request = _take_call()  # closed fd 4
            os.dup2(5, 0)
            os.close(5)
        else:
            request = json.loads(line)
        runnable = _runnable(request, self.modules)
        if runnable is None:
            os._exit(0)  # the worker answers why (see call)
        name, entry, function, args = runnable
        self.child(name, entry, function, args, writer)

    def prepare_call(self):
        """What every call needs, done before its request comes (it changes memory the process shares with the
        worker, each first write a copied page): the capture of fds 1/2, the defined modules' sources for
        tracebacks, and the finder that lets a call import another defined module (the called module itself
        is in sys.modules before its code runs, so the finder is never asked for it)."""
        writer = FdWriter(OUTPUT_CAP)
        sys.stdout = sys.stderr = writer
        for name, (_, source) in self.modules.items():
            _remember_source(name, source)
        sys.meta_path.append(_DefinedModules(self.modules))
        return writer

    def child(self, name, entry, function, args, writer):
        """Runs the call in this process; never returns."""
        me = os.getpid()
        compiled = entry[0]
        filename = "<%s>" % name
        result_text = None
        error = None
        try:
            module = types.ModuleType(name)
            module.__file__ = filename
            sys.modules[name] = module  # lets pickle find classes defined in the module
            try:
                exec(compiled, module.__dict__)
            except BaseException as exc:
                if os.getpid() != me:
                    os._exit(1)
                error = _error(exc)
                error["line"] = _error_line(exc, filename)
                error["loading"] = True
            if error is None:
                fn = getattr(module, function, None) if isinstance(function, str) else None
                if not callable(fn):
                    error = {"name": "NameError", "traceback": "",
                             "message": "module %s has no function %s" % (name, function)}
                else:
                    result = fn(**args)
                    if os.getpid() != me:
                        os._exit(0)
                    result_text = _encode_result(result)
        except BaseException as exc:
            if os.getpid() != me:
                os._exit(1)
            error = _error(exc)
        for stream in (sys.__stdout__, sys.__stderr__):
            try:
                stream.flush()
            except Exception:
                pass
        head = {"ok": error is None, "dropped": writer.dropped}
        if error is not None:
            head["error"] = error
        body = (json.dumps(head) + "\n" + (result_text or "")).encode("utf-8")
        try:
            # Its length first: the worker knows the message is whole without waiting for this process to end.
            _write_all(3, b"%d\n" % len(body) + body)
        except OSError:
            pass
        os._exit(0)

    def read_message(self, message, status, function):
        """Checks what the child sent (it is the function's process, so nothing in it is trusted)."""
        if message is None:
            return False, None, _sandbox_error("The result of %s is larger than the sandbox accepts (%d bytes);"
                                               " return less." % (function, MESSAGE_CAP)), 0
        if not message:
            return False, None, _sandbox_error(_ending(function, status)), 0
        end = _frame(message, 0)
        if end is not None:
            message = message[message.index(b"\n") + 1:end]
        try:
            head_bytes, _, rest = message.partition(b"\n")
            head = json.loads(head_bytes)
            dropped = head.get("dropped")
            dropped = dropped if isinstance(dropped, int) and dropped >= 0 else 0
            if head.get("ok") is True:
                text = json.dumps(json.loads(rest, parse_constant=_refuse_constant), allow_nan=False)
                if len(text) > MESSAGE_CAP:
                    return False, None, _sandbox_error("The result of %s is too large." % function), dropped
                return True, text, None, dropped
            return False, None, _clean_error(head.get("error")), dropped
        except (ValueError, RecursionError, AttributeError, TypeError):
            return False, None, _sandbox_error("The process running %s sent back something that is not a"
                                               " result." % function), 0

    def tidy_up(self):
        """Kills every process the call left and empties the sandbox's /tmp."""
        if self.pid_namespace:
            # In the sandbox's own pid namespace this reaches exactly its processes except this one and init.
            try:
                os.kill(-1, signal.SIGKILL)
            except OSError:
                pass
            while True:
                try:
                    os.waitpid(-1, 0)
                except ChildProcessError:
                    break
        else:
            _kill_descendants()
        if self.clean_tmp:
            _empty_folder("/tmp")

    def take_output(self, dropped):
        """Reads fd 1/2 output of the call (up to the cap); the capture file is emptied once the call's
        processes are reaped (a write already under way when they were killed may still land in it)."""
        data = b""
        try:
            info = os.fstat(1)
            if stat.S_ISREG(info.st_mode) and info.st_size:
                data = os.pread(1, min(OUTPUT_CAP, info.st_size), 0)
                dropped += max(0, info.st_size - OUTPUT_CAP)
        except OSError:
            pass
        if not self.unreaped:
            _reset_capture()
        output = data.decode("utf-8", "replace")
        if dropped:
            output += "\n[output cut: %d more bytes were not kept]" % dropped
        return output, dropped > 0


class _Spare:
    """The process forked for the next call: its pid, the pipe for its result, and while it waits for a call the
    pipe on which it gives the worker the line of the call it took (see _take_call)."""

    def __init__(self, pid, result, calls, pidfd):
        self.pid = pid
        self.result = result
        self.calls = calls
        self.pidfd = pidfd
        self.announced = False  # whether its "ready" byte was read already
        self.received = bytearray()  # read from its result pipe before it took a call, not yet handed on
        self.call_line = bytearray()
        self.early = b""  # the start of its call's message, read while looking for requests
        self.calls_ended = False  # its calls pipe reached its end without a whole line

    def handed_on(self):
        """Waits for what it does with the app's next request: (b"d", line) for the worker to answer,
        (b"c", line) for a call it took (then `early` holds what the worker read of the call's message), or
        (b"x", bytes) when it gave the channel back with what it had read, or ended.

        Before it takes a call it writes only the worker's own code's words on its result pipe (its ready byte,
        the requests it hands on); once it took one, the call's code may write anything there. What tells them
        apart is the call's line on the other pipe, which it writes whole and closes before any code of the call
        runs: after every read of the result pipe the worker looks at it first. Whatever the call wrote, the line
        was there before it, so the worker sees the line first.

        The worker also waits on that pipe, so it wakes as soon as the call was taken, not only when its message
        comes: it parses and checks the request and goes through its own side of a call while the call runs,
        on the processor the call leaves idle, instead of after the call's message, where all of it used to
        delay the reply (its first writes after a fork copy shared pages, about 30 µs each on some virtual
        machines). Nothing is read from the result pipe then: it holds only what the call sends."""
        while True:
            if self.received[:1] == b"r" and not self.announced:
                del self.received[:1]
                self.announced = True
            frame = _handed_frame(self.received)
            if frame is not None:
                return frame
            waiting = select.poll()
            waiting.register(self.result, select.POLLIN)
            if not self.calls_ended:
                waiting.register(self.calls, select.POLLIN)
            if self.result not in dict(waiting.poll()):
                if self.took_call():
                    self.early = bytes(self.received)
                    self.received = bytearray()
                    self.close_calls()
                    return b"c", bytes(self.call_line)
                continue
            try:
                data = os.read(self.result, 1 << 16)
            except OSError:
                data = b""
            if self.took_call():
                self.early = bytes(self.received + data)
                self.received = bytearray()
                self.close_calls()
                return b"c", bytes(self.call_line)
            if not data:
                # It ended (killed from outside) in the middle of handing a request on: what it read is lost.
                return b"x", b""
            self.received += data

    def took_call(self):
        """Whether the whole line of a call is in its calls pipe (it is written at once, never in parts, when
        the process takes the call; a part followed by the pipe's end means it did not)."""
        while True:
            try:
                data = os.read(self.calls, 1 << 16)
            except BlockingIOError:
                break
            if not data:
                self.calls_ended = True  # not waited on again: its end would wake the worker at once
                break
            self.call_line += data
        return self.call_line.endswith(b"\n")

    def close_calls(self):
        if self.calls is not None:
            os.close(self.calls)
            self.calls = None

    def close(self):
        self.close_calls()
        for fd in (self.result, self.pidfd):
            if fd is not None:
                os.close(fd)
        self.result = self.pidfd = None


def _handed_frame(received):
    """A whole request handed on at the start of `received` ((kind, bytes), taken out of it), else None."""
    header_end = received.find(b"\n", 0, 16)
    if header_end <= 0 or not received[1:header_end].isdigit():
        return None
    end = header_end + 1 + int(received[1:header_end])
    if len(received) < end:
        return None
    frame = bytes(received[:1]), bytes(received[header_end + 1:end])
    del received[:end]
    return frame


def _take_call():
    """In the spare process: reads the app's requests from fd 0 until one is a call, and answers it. Each other
    request it hands on to the worker on its result pipe (fd 3; no code of a call has run in it yet). The call's
    line it writes whole to fd 4 and closes it: the worker knows it took the call when it finds that line (see
    _Spare.handed_on). Reads only what the app sent: the app sends its next request only after the reply to
    the one before, so a read never holds more than one request; should it hold more, should the call's line not
    fit in the pipe at once, or should the channel end, the process gives all it read to the worker, which reads
    the channel again itself, and ends."""
    received = b""
    while True:
        data = os.read(0, 1 << 16)
        if not data:
            _hand_on(b"x", received)
            os._exit(0)
        received += data
        end = received.find(b"\n")
        if end < 0:
            continue
        request = _call_request(received) if end == len(received) - 1 else None
        if request is not None:
            try:
                written = os.write(4, received)
            except BlockingIOError:
                written = 0
            os.close(4)
            if written == len(received):
                return request
            _hand_on(b"x", received)
            os._exit(0)
        if end != len(received) - 1:
            _hand_on(b"x", received)
            os._exit(0)
        _hand_on(b"d", received)
        received = b""


def _hand_on(kind, data):
    _write_all(3, kind + b"%d\n" % len(data) + data)


def _call_request(line):
    """The request when the line is a call, else None."""
    try:
        request = json.loads(line)
    except (ValueError, RecursionError):
        return None
    return request if isinstance(request, dict) and request.get("op") == "call" else None


def _runnable(request, modules):
    """(module name, (code object, source), function, arguments) of a call, or None when the worker refuses it
    before it runs (the same checks as Worker.call, which answers why)."""
    name = request.get("module")
    args = request.get("args") or {}
    if not isinstance(args, dict):
        return None
    code = request.get("code")
    if code is None:
        entry = modules.get(name)
        if entry is None:
            return None
    else:
        try:
            entry = (compile(code, "<%s>" % name, "exec"), code)
        except (SyntaxError, ValueError, TypeError):
            return None
        _remember_source(name, code)
    return name, entry, request.get("function"), args


_REHEARSAL_REQUEST = (b'{"op": "call", "seq": 1, "id": "c", "module": "m", "function": "f",'
                      b' "args": {"x": [1, 2.5, "s", null, true, {"k": "v"}]}}\n')
_REHEARSAL_CODE = "def f(x):\n    return {'x': x, 'n': len(x)}\n"


def _rehearse(modules):
    """Does in a waiting process what a call will do, on made-up values, so that the memory a call touches
    is copied from the worker now and not while the call is timed (each copied page is a fault, slow on
    some virtual machines). Leaves nothing behind: no module, no output, no cache entry."""
    request = json.loads(_REHEARSAL_REQUEST)
    scratch = types.ModuleType("_rehearsal")
    exec(compile(_REHEARSAL_CODE, "<_rehearsal>", "exec"), scratch.__dict__)
    _encode_result(scratch.f(**request["args"]))
    json.dumps({"ok": True, "dropped": 0, "error": None})
    FdWriter(OUTPUT_CAP).write("")
    try:
        raise ValueError("rehearsal")
    except ValueError as exc:
        _error(exc)
    for compiled, source in modules.values():  # the code objects a call will run
        len(source)
        compiled.co_consts


def _remember_source(name, source):
    """Puts a module's source where tracebacks look for its lines."""
    filename = "<%s>" % name
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)


def _frame(message, start):
    """Where a child's message that starts at `start` ends (its length comes first, on a line of its own),
    when all of it is in `message`; else None."""
    newline = message.find(b"\n", start, start + 12)
    if newline < 0:
        return None
    digits = message[start:newline]
    if not digits.isdigit():
        return None
    end = newline + 1 + int(digits)
    return end if len(message) >= end else None


def _reset_capture():
    try:
        os.ftruncate(1, 0)
    except OSError:
        pass


def _refuse_constant(name):
    raise ValueError("not JSON: " + name)


def _clean_error(error):
    if not isinstance(error, dict):
        return _sandbox_error("The function failed without saying why.")
    clean = {}
    for key in ("name", "message", "traceback"):
        value = error.get(key)
        clean[key] = _cut(value) if isinstance(value, str) else ""
    clean["name"] = clean["name"][:200] or "Error"
    line = error.get("line")
    if isinstance(line, int) and not isinstance(line, bool) and line > 0:
        clean["line"] = line
    return clean


def _ending(function, status):
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            signame = signal.Signals(number).name
        except ValueError:
            signame = "signal %d" % number
        if number == signal.SIGXCPU or (number == signal.SIGKILL and LIMITS.get("cpu")):
            return "The process running %s was stopped by %s (it may have used up its processor time of %s" \
                   " seconds)." % (function, signame, LIMITS.get("cpu"))
        return "The process running %s was stopped by %s before it returned." % (function, signame)
    return "The process running %s ended (exit code %d) before it returned." % (function,
                                                                               os.waitstatus_to_exitcode(status))


def _children():
    """Pids whose parent is this process (the worker adopts orphans, so these are all that is left)."""
    me = os.getpid()
    try:
        # Where the kernel keeps the list (CONFIG_PROC_CHILDREN), reading it beats scanning every process.
        with open("/proc/self/task/%d/children" % me, "rb") as f:
            return [int(pid) for pid in f.read().split()]
    except OSError:
        pass
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry, "rb") as f:
                    fields = f.read().rsplit(b")", 1)[1].split()
                if int(fields[1]) == me:
                    found.append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    return found


def _kill_descendants():
    """Outside a pid namespace: kill the call's process group, then whatever of it is still our child."""
    while True:
        children = _children()
        if not children:
            break
        for pid in children:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        for pid in children:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass


# The most entries _rename_undecodable_names looks at after a call: the app's own walk stops at 100,000 anyway.
RENAME_SCAN_LIMIT = 200000


def _rename_undecodable_names(root):
    """Renames every entry of the data folder whose name is not valid UTF-8 (Python can make those; the app cannot
    keep or restore them, and would stop snapshotting) to a valid, unused name with each bad byte as %XX. Nothing
    else runs while the worker does this, and links are never followed. Returns one sentence per rename."""
    notes = []
    pending = [os.fsencode(root)]
    seen = 0
    while pending and seen < RENAME_SCAN_LIMIT:
        folder = pending.pop()
        try:
            with os.scandir(folder) as entries:
                found = [(entry.name, entry.is_dir(follow_symlinks=False)) for entry in entries]
        except OSError:
            continue
        for name, is_dir in found:
            seen += 1
            try:
                name.decode("utf-8")
                new_name = name
            except UnicodeDecodeError:
                new_name = _unused_name(folder, _escaped_name(name))
                try:
                    os.rename(os.path.join(folder, name), os.path.join(folder, new_name))
                except OSError as e:
                    notes.append("[The data folder holds %s, whose name is not valid UTF-8 and could not be renamed"
                                 " (%s): rename it, or Toolsmith cannot keep it.]"
                                 % (_shown(folder, name, root), e.strerror))
                    continue
                notes.append("[Renamed %s in the data folder to %s: its name was not valid UTF-8, which Toolsmith"
                             " cannot keep.]" % (_shown(folder, name, root), _shown(folder, new_name, root)))
            if is_dir:
                pending.append(os.path.join(folder, new_name))
    return notes


def _escaped_name(name):
    """The name with each byte that is not part of valid UTF-8 written as %XX."""
    text = name.decode("utf-8", "surrogateescape")
    return "".join("%%%02X" % (ord(c) - 0xDC00) if 0xDC80 <= ord(c) <= 0xDCFF else c for c in text).encode("utf-8")


def _unused_name(folder, name):
    stem, dot, suffix = name.rpartition(b".")
    stem, suffix = (stem, dot + suffix) if stem else (name, b"")
    candidate, n = name, 2
    while os.path.lexists(os.path.join(folder, candidate)):
        candidate, n = stem + b"~%d" % n + suffix, n + 1
    return candidate


_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _shown(folder, name, root):
    """The path below the data folder as the app shows names: an invalid byte or a control character as \\xNN,
    a backslash doubled."""
    text = os.path.relpath(os.path.join(folder, name), os.fsencode(root)).decode("utf-8", "surrogateescape")
    out = []
    for c in text:
        code = ord(c)
        if 0xDC80 <= code <= 0xDCFF:
            out.append("\\x%02x" % (code - 0xDC00))
        elif c in _ESCAPES:
            out.append(_ESCAPES[c])
        elif code < 0x20 or 0x7F <= code <= 0x9F:
            out.append("\\x%02x" % code)
        else:
            out.append(c)
    return "".join(out)


def _empty_folder(path):
    try:
        entries = os.listdir(path)
    except OSError:
        return
    for entry in entries:
        target = os.path.join(path, entry)
        try:
            if os.path.isdir(target) and not os.path.islink(target):
                import shutil
                shutil.rmtree(target, onerror=_make_writable_and_retry)
            else:
                os.unlink(target)
        except OSError:
            pass


def _make_writable_and_retry(function, path, _):
    parent = os.path.dirname(path)
    try:
        os.chmod(parent, 0o700)
        if os.path.isdir(path) and not os.path.islink(path):
            os.chmod(path, 0o700)
            import shutil
            shutil.rmtree(path, ignore_errors=True)
        else:
            function(path)
    except OSError:
        pass


def _setup_fds():
    """Moves the protocol off fds 0/1 and points fds 1/2 at an unlinked capture file."""
    proto_in = os.dup(0)
    proto_out = os.dup(1)  # os.dup makes them non-inheritable: no program a call starts gets them
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    capture_dir = LIMITS.get("capture_dir") or "/tmp"
    path = os.path.join(capture_dir, "fd-output-%d" % os.getpid())
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND, 0o600)
    try:
        os.unlink(path)
    except OSError:
        pass
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    sys.stdin = open(os.devnull, "r")
    return proto_in, proto_out


def main():
    proto_in, proto_out = _setup_fds()
    _add_site_packages()
    _apply_limits()
    seccomp = _protect(_Kernel())
    try:
        os.chdir(os.path.expanduser("~"))
    except OSError:
        pass
    Worker(proto_in, proto_out, seccomp).serve()


# --- In-process runner for the microsandbox backend (its virtual machine is the boundary there) ---

class CappedWriter(io.TextIOBase):
    """A text stream that keeps at most `cap` bytes and counts what it drops."""

    def __init__(self, shared):
        self.shared = shared

    def writable(self):
        return True

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError("write() argument must be str, not " + type(text).__name__)
        self.shared.add(text.encode("utf-8", "replace"))
        return len(text)

    @property
    def encoding(self):
        return "utf-8"


class Capture:
    def __init__(self, cap):
        self.cap = cap
        self.parts = []
        self.size = 0
        self.dropped = 0

    def add(self, data):
        room = self.cap - self.size
        if room <= 0:
            self.dropped += len(data)
            return
        if len(data) > room:
            self.dropped += len(data) - room
            data = data[:room]
        self.parts.append(data)
        self.size += len(data)

    def reset(self):
        self.parts = []
        self.size = 0
        self.dropped = 0


class InProcessRunner:
    """Loads modules with exec and calls them in this interpreter (one REPL in a microVM)."""

    def __init__(self, output_cap):
        self.modules = {}
        self.capture = Capture(output_cap)
        self.writer = CappedWriter(self.capture)

    def define(self, name, code):
        filename = "<%s>" % name
        taken = name in STDLIB or name in sys.modules
        if taken and name not in self.modules:
            return {"ok": False, "error": {"name": "NameTaken", "line": 0, "traceback": "",
                                           "message": "the name %s is already used by a Python module" % name}}
        compiled, _, error = _compile(name, code)
        if error is not None:
            return {"ok": False, "error": error}
        linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
        module = types.ModuleType(name)
        module.__file__ = filename
        previous = sys.modules.get(name)
        sys.modules[name] = module
        self.capture.reset()
        saved = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = self.writer
        try:
            exec(compiled, module.__dict__)
        except BaseException as exc:
            if previous is not None:
                sys.modules[name] = previous
            else:
                sys.modules.pop(name, None)
            err = _error(exc)
            err["line"] = _error_line(exc, filename)
            return {"ok": False, "error": err}
        finally:
            sys.stdout, sys.stderr = saved
        self.modules[name] = module
        return {"ok": True}

    def undefine(self, name):
        if self.modules.pop(name, None) is not None:
            sys.modules.pop(name, None)
            linecache.cache.pop("<%s>" % name, None)

    def call(self, request):
        module = self.modules.get(request.get("module"))
        function = request.get("function")
        capture = self.capture
        capture.reset()
        started = time.perf_counter()
        result_text = None
        error = None
        fn = getattr(module, function, None) if module is not None else None
        if not callable(fn):
            error = {"name": "NameError", "traceback": "",
                     "message": "module %s has no function %s" % (request.get("module"), function)}
        else:
            saved = sys.stdout, sys.stderr
            sys.stdout = sys.stderr = self.writer
            try:
                result_text = _encode_result(fn(**(request.get("args") or {})))
            except BaseException as exc:
                error = _error(exc)
            finally:
                sys.stdout, sys.stderr = saved
        output = b"".join(capture.parts).decode("utf-8", "replace")
        truncated = capture.dropped > 0
        if truncated:
            output += "\n[output cut: %d more bytes were not kept]" % capture.dropped
        head = {"ok": error is None, "id": request.get("id"), "output": output, "truncated": truncated,
                "elapsed": time.perf_counter() - started, "cpu": time.process_time()}
        if error is not None:
            head["error"] = error
            return json.dumps(head)
        text = json.dumps(head)
        return text[:-1] + ', "result": ' + result_text + "}"


if __name__ == "__main__":
    main()
else:  # loaded by the microsandbox backend for InProcessRunner
    _import_for_calls()
