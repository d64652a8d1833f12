"""Toolsmith sandbox worker: runs approved Python functions for the app.

Speaks one JSON object per line: requests on the protocol input (the original
stdin), replies on the protocol output (a copy of the original stdout). File
descriptors 0, 1 and 2 are pointed elsewhere at startup so that user code that
prints, writes to fd 1 or reads stdin cannot corrupt the protocol.

Requests:  {"op": "define", "module", "code"} | {"op": "undefine", "module"}
           {"op": "call", "id", "module", "function", "args"} | {"op": "ping"}
Replies:   {"ok": true, ...} or {"ok": false, "error": {"name", "message", "traceback"}}
"""
import base64
import datetime
import decimal
import io
import json
import linecache
import os
import stat
import sys
import time
import traceback
import types

MAIN_PID = os.getpid()
LIMITS = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}
OUTPUT_CAP = int(LIMITS.get("output_cap", 1 << 20))
RESULT_CAP = OUTPUT_CAP


def _apply_limits():
    # Applied once, before any user code runs; soft and hard limits are equal so
    # user code cannot raise them again.
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


def _setup_fds():
    """Moves the protocol off fds 0/1 and points fds 1/2 at a capture file."""
    proto_in = os.dup(0)
    proto_out = os.dup(1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    capture_dir = LIMITS.get("capture_dir") or "/tmp"
    path = os.path.join(capture_dir, "fd-output-%d" % MAIN_PID)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND, 0o600)
    try:
        os.unlink(path)
    except OSError:
        pass
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    sys.stdin = open(os.devnull, "r")

    def close_protocol_in_child():
        # A forked child must never speak the protocol.
        for f in (proto_in, proto_out):
            try:
                os.close(f)
            except OSError:
                pass

    os.register_at_fork(after_in_child=close_protocol_in_child)
    return proto_in, proto_out


def _drain_fd_output(capture):
    """Adds whatever was written to fds 1/2 during the call, then empties the file."""
    try:
        info = os.fstat(1)
    except OSError:
        return
    size = info.st_size
    if size == 0 or not stat.S_ISREG(info.st_mode):
        return
    room = max(0, capture.cap - capture.size)
    if room:
        capture.add(os.pread(1, min(room, size), 0))
    capture.dropped += max(0, size - room)
    os.ftruncate(1, 0)


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


def _error(exc, skip_frames=1):
    tb = exc.__traceback__
    for _ in range(skip_frames):
        if tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
    lines = traceback.format_exception(type(exc), exc, tb)
    return {"name": type(exc).__name__, "message": str(exc), "traceback": "".join(lines)[-20000:]}


class Worker:
    def __init__(self, proto_in, proto_out):
        self.reader = os.fdopen(proto_in, "rb", buffering=1 << 16)
        self.out = proto_out
        self.modules = {}
        self.capture = Capture(OUTPUT_CAP)
        self.writer = CappedWriter(self.capture)

    def send(self, text):
        data = (text + "\n").encode("utf-8")
        view = memoryview(data)
        while view:
            written = os.write(self.out, view)
            view = view[written:]

    def reply(self, obj):
        self.send(json.dumps(obj))

    def serve(self):
        self.reply({"ok": True, "ready": True, "pid": MAIN_PID, "python": sys.version.split()[0]})
        for line in self.reader:
            try:
                request = json.loads(line)
                op = request.get("op")
                if op == "call":
                    self.send(self.call(request))
                elif op == "define":
                    self.reply(self.define(request["module"], request["code"]))
                elif op == "undefine":
                    self.undefine(request["module"])
                    self.reply({"ok": True})
                elif op == "ping":
                    self.reply({"ok": True, "cpu": time.process_time()})
                else:
                    self.reply({"ok": False, "error": {"name": "ProtocolError", "message": "unknown op %r" % op,
                                                       "traceback": ""}})
            except Exception as exc:  # the loop must survive anything a request does
                if os.getpid() != MAIN_PID:
                    os._exit(1)
                self.reply({"ok": False, "error": _error(exc, 0)})

    def define(self, name, code):
        filename = "<%s>" % name
        taken = name in getattr(sys, "stdlib_module_names", ()) or name in sys.modules
        if taken and name not in self.modules:
            return {"ok": False, "error": {"name": "NameTaken", "line": 0, "traceback": "",
                                           "message": "the name %s is already used by a Python module" % name}}
        try:
            compiled = compile(code, filename, "exec")
        except SyntaxError as exc:
            return {"ok": False, "error": {"name": type(exc).__name__, "message": exc.msg or str(exc),
                                           "line": exc.lineno or 0, "traceback": ""}}
        linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
        module = types.ModuleType(name)
        module.__file__ = filename
        previous = sys.modules.get(name)
        sys.modules[name] = module  # lets pickle find classes defined in the module
        self.capture.reset()
        saved = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = self.writer
        try:
            exec(compiled, module.__dict__)
        except BaseException as exc:
            if os.getpid() != MAIN_PID:
                os._exit(1)
            if previous is not None:
                sys.modules[name] = previous
            else:
                sys.modules.pop(name, None)
            line = 0
            for frame, lineno in traceback.walk_tb(exc.__traceback__):
                if frame.f_code.co_filename == filename:
                    line = lineno
            err = _error(exc)
            err["line"] = line
            return {"ok": False, "error": err}
        finally:
            sys.stdout, sys.stderr = saved
            _drain_fd_output(Capture(0))  # output of loading is not part of the next call's output
        if os.getpid() != MAIN_PID:
            os._exit(0)
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
                result = fn(**(request.get("args") or {}))
                if os.getpid() != MAIN_PID:
                    os._exit(0)
                result_text = _encode_result(result)
            except BaseException as exc:
                if os.getpid() != MAIN_PID:
                    os._exit(1)
                error = _error(exc)
            finally:
                sys.stdout, sys.stderr = saved
        elapsed = time.perf_counter() - started
        _drain_fd_output(capture)
        output = b"".join(capture.parts).decode("utf-8", "replace")
        truncated = capture.dropped > 0
        if truncated:
            output += "\n[output cut: %d more bytes were not kept]" % capture.dropped
        head = {"ok": error is None, "id": request.get("id"), "output": output, "truncated": truncated,
                "elapsed": elapsed, "cpu": time.process_time()}
        if error is not None:
            head["error"] = error
            return json.dumps(head)
        # Splice the already-encoded result in rather than decoding and encoding it again.
        text = json.dumps(head)
        return text[:-1] + ', "result": ' + result_text + "}"


def main():
    proto_in, proto_out = _setup_fds()
    _apply_limits()
    home = os.path.expanduser("~")
    try:
        os.chdir(home)
    except OSError:
        pass
    Worker(proto_in, proto_out).serve()


if __name__ == "__main__":
    main()
