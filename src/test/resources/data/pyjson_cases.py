"""Writes test pickles with Python itself and, beside each, the JSON that Toolsmith's mapping must give.

Usage: python3 pyjson_cases.py OUT_DIR
For every case and protocol 0-5: OUT_DIR/<case>-p<protocol>.pkl and OUT_DIR/<case>-p<protocol>.json.
to_json() is the README's "Data files as JSON" mapping, written independently in Python.
"""
import base64, collections, copyreg, dataclasses, datetime, decimal, json, math, pathlib, pickle, sys, uuid, zoneinfo


@dataclasses.dataclass
class Expense:
    date: str
    category: str
    amount: float


class Plain:
    def __init__(self, name, tags):
        self.name = name
        self.tags = tags


class Slotted:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


Point = collections.namedtuple("Point", "x y")


def is_container(v):
    if isinstance(v, tuple):
        return len(v) > 0
    return isinstance(v, (list, dict, set, frozenset, collections.deque)) or is_unknown(v)


EXACT = {bool, int, float, str, bytes, bytearray, list, tuple, set, frozenset, dict, collections.deque,
         collections.OrderedDict, collections.defaultdict, collections.Counter, decimal.Decimal, complex, uuid.UUID,
         type(None)}
KNOWN_BASES = (datetime.date, datetime.time, datetime.timedelta, datetime.tzinfo, pathlib.PurePath)


def is_unknown(v):
    return type(v) not in EXACT and not isinstance(v, KNOWN_BASES)


LARGE = 1000  # strings, bytes and ints longer than this are written once, then referred to
DECIMAL_BITS = 14_000  # larger ints are written in hex


def is_large(v):
    if isinstance(v, str):
        return len(v) > LARGE
    if isinstance(v, (bytes, bytearray)):
        return len(v) > LARGE
    return type(v) is int and v.bit_length() > 8 * LARGE


def esc(segment):
    return str(segment).replace("~", "~0").replace("/", "~1")


class Mapper:
    def __init__(self, protocol):
        self.protocol = protocol
        self.seen = {}
        self.keep = []  # keeps temporaries alive so their id() is never reused

    def node(self, v, path):
        if is_container(v) or is_large(v):
            if id(v) in self.seen:
                return {"$ref": self.seen[id(v)]}
            self.seen[id(v)] = path
            self.keep.append(v)
        if is_unknown(v):
            return self.obj(v, path)
        if v is None or isinstance(v, (bool, str)):
            return v
        if isinstance(v, int):
            return v if v.bit_length() <= DECIMAL_BITS else {"$int": hex(v)}
        if isinstance(v, float):
            return self.flt(v)
        if isinstance(v, bytearray):
            return {"$bytearray": base64.b64encode(bytes(v)).decode()}
        if isinstance(v, bytes):
            return {"$bytes": base64.b64encode(v).decode()}
        if isinstance(v, list):
            return [self.node(x, f"{path}/{i}") for i, x in enumerate(v)]
        if isinstance(v, tuple):
            return {"$tuple": [self.node(x, f"{path}/$tuple/{i}") for i, x in enumerate(v)]}
        if isinstance(v, frozenset):
            return {"$frozenset": [self.node(x, f"{path}/$frozenset/{i}") for i, x in enumerate(v)]}
        if isinstance(v, set):
            return {"$set": [self.node(x, f"{path}/$set/{i}") for i, x in enumerate(v)]}
        if isinstance(v, collections.deque):
            out = {"$deque": [self.node(x, f"{path}/$deque/{i}") for i, x in enumerate(v)]}
            if v.maxlen is not None:
                out["maxlen"] = v.maxlen
            return out
        if isinstance(v, collections.OrderedDict):
            return {"$ordereddict": self.entries(v, f"{path}/$ordereddict")}
        if isinstance(v, collections.Counter):
            return {"$counter": self.entries(v, f"{path}/$counter")}
        if isinstance(v, collections.defaultdict):
            f = v.default_factory
            return {"$defaultdict": self.entries(v, f"{path}/$defaultdict"),
                    "factory": None if f is None else {"$global": f"{f.__module__}.{f.__qualname__}"}}
        if isinstance(v, dict):
            return self.entries(v, path)
        if isinstance(v, datetime.datetime):
            out = {"$datetime": v.isoformat()}
            if isinstance(v.tzinfo, zoneinfo.ZoneInfo):
                out["tz"] = v.tzinfo.key
            return out
        if isinstance(v, datetime.date):
            return {"$date": v.isoformat()}
        if isinstance(v, datetime.time):
            return {"$time": v.isoformat()}
        if isinstance(v, datetime.timedelta):
            return {"$timedelta": v.days * 86400 + v.seconds if v.microseconds == 0 else v.total_seconds()}
        if isinstance(v, decimal.Decimal):
            return {"$decimal": str(v)}
        if isinstance(v, complex):
            return {"$complex": [self.flt(v.real), self.flt(v.imag)]}
        if isinstance(v, uuid.UUID):
            return {"$uuid": str(v)}
        if isinstance(v, pathlib.PurePath):
            return {"$path": str(v)}
        return self.obj(v, path)

    def flt(self, f):
        if math.isnan(f):
            return {"$float": "nan"}
        if math.isinf(f):
            return {"$float": "inf" if f > 0 else "-inf"}
        return f

    def entries(self, d, path):
        if all(isinstance(k, str) and not k.startswith("$") for k in d):
            return {k: self.node(x, f"{path}/{esc(k)}") for k, x in d.items()}
        return {"$map": [[self.node(k, f"{path}/$map/{i}/0"), self.node(x, f"{path}/$map/{i}/1")]
                         for i, (k, x) in enumerate(d.items())]}

    def obj(self, v, path):
        r = v.__reduce_ex__(self.protocol)
        func, args = r[0], r[1]
        if func is copyreg.__newobj__:
            cls, args = args[0], list(args[1:])
        elif func is copyreg.__newobj_ex__:
            cls, args = args[0], list(args[1])
        elif func is copyreg._reconstructor:
            cls, base_state = args[0], args[2]
            args = list(base_state) if isinstance(base_state, tuple) else ([] if base_state is None else [base_state])
        else:
            cls, args = func, list(args)
        self.keep.append(r)
        out = {"$object": f"{cls.__module__}.{cls.__qualname__}"}
        if args:
            out["args"] = [self.node(x, f"{path}/args/{i}") for i, x in enumerate(args)]
        state = r[2] if len(r) > 2 else None
        if state is not None:
            out["state"] = self.node(state, f"{path}/state")
        return out


def cases():
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    recursive = [1, 2]
    recursive.append(recursive)
    shared = {"k": [1, 2]}
    counter = collections.Counter("abracadabra")
    dd = collections.defaultdict(list)
    dd["x"].append(1)
    long_text = "".join(["x"] * 1500)
    long_bytes = bytes(range(256)) * 5
    return {
        "scalars": [None, True, False, 0, -1, 255, 65536, -2**31, 2**63, -2**70, 3.25, "", "héllo ☃", float("nan"),
                    float("inf"), float("-inf")],
        "containers": {"list": [1, [2, 3]], "tuple": (1, "a", (2,)), "empty": ((), [], {}), 5: "int key",
                       "nested": {"a": {"b": None}}},
        "dollar_key": {"$tuple": 1},
        "sets": {"set": {1, 2, 3}, "frozen": frozenset({"x", "y"}), "empty_set": set()},
        "bytes": {"b": b"\x00\x01\xffabc", "ba": bytearray(b"xyz"), "empty": b"", "emptyba": bytearray()},
        "dates": [datetime.datetime(2024, 3, 1, 12, 30, 5, 123456), datetime.date(1999, 12, 31),
                  datetime.time(23, 59, 1), datetime.time(1, 2, 3, 4, tzinfo=datetime.timezone.utc),
                  datetime.timedelta(days=1, seconds=3661, microseconds=1), datetime.timedelta(days=-2),
                  datetime.datetime(2024, 6, 1, 8, 0, tzinfo=datetime.timezone.utc),
                  datetime.datetime(2024, 6, 1, 8, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=5, minutes=30), "IST")),
                  datetime.datetime(2024, 1, 15, 9, 0, tzinfo=paris),
                  datetime.datetime(2024, 10, 27, 2, 30, tzinfo=paris, fold=1)],
        "numbers": [decimal.Decimal("1.10"), decimal.Decimal("-0.000001"), complex(1.5, -2), 10**30],
        "collections": [collections.OrderedDict([("b", 1), ("a", 2)]), dd, counter,
                        collections.deque([1, 2, 3]), collections.deque([4], maxlen=5)],
        "ids_paths": [uuid.UUID("12345678-1234-5678-1234-567812345678"), pathlib.PurePosixPath("/data/x.pkl"),
                      pathlib.Path("rel/a.txt")],
        "objects": [Expense("2024-01-02", "food", 12.5), Plain("p", ["t1", "t2"]), Point(3, 4)],
        "slotted": Slotted(1, [2]),
        "recursive": recursive,
        "shared": [shared, shared, shared["k"]],
        "large_shared": [long_text, long_text, "".join(["y"] * 1500), "".join(["y"] * 1500), long_bytes, long_bytes,
                         "z" * 1000, "z" * 1000, {"k": long_text}],
        "huge_int": [2 ** 90000 + 12345, -(2 ** 90001), 2 ** 8000, 2 ** 14000 - 1, 2 ** 14000],
    }


def main(out):
    for name, value in cases().items():
        for protocol in range(0, 6):
            if name == "slotted" and protocol < 2:
                continue  # classes with __slots__ need protocol 2
            if name == "huge_int" and protocol < 2:
                continue  # protocols 0 and 1 write ints as decimal text, which Python refuses above 4,300 digits
            data = pickle.dumps(value, protocol)
            with open(f"{out}/{name}-p{protocol}.pkl", "wb") as f:
                f.write(data)
            loaded = pickle.loads(data)
            with open(f"{out}/{name}-p{protocol}.json", "w") as f:
                json.dump(Mapper(protocol).node(loaded, "#"), f, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
