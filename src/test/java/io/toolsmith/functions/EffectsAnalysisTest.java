package io.toolsmith.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The effects the real analyzer (python3 with analysis.py and effects.py) derives from code, case by case:
 * the code, the function asked about, and every effect it must report, in order.
 */
class EffectsAnalysisTest {
    private static final String R = "reads_data";
    private static final String W = "writes_data";
    private static final String N = "network";
    private static final String P = "processes";
    private static final String L = "runs_at_load";
    private static final List<String> EVERYTHING = List.of(R, W, N, P);

    private static PythonAnalyzer analyzer;

    @BeforeAll
    static void start() {
        analyzer = new PythonAnalyzer();
    }

    @AfterAll
    static void stop() {
        analyzer.close();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // Pure computation.
                row("def f(a, b):\n    return sorted([a, b], key=len)\n", List.of()),
                row("def f(s):\n    return s.replace('a', 'b').strip()\n", List.of()),
                row("import json, datetime\ndef f(x):\n    return json.dumps({'t': str(datetime.date.today()), 'x': x})\n",
                        List.of()),
                row("import urllib.parse\ndef f(s):\n    return urllib.parse.quote(s)\n", List.of()),
                row("import threading\ndef f():\n    t = threading.Thread(target=print)\n    t.start()\n    t.join()\n",
                        List.of()),
                // Reading.
                row("import pickle\ndef f(p):\n    with open(p, 'rb') as fh:\n        return pickle.load(fh)\n",
                        List.of(R)),
                row("def f(p):\n    return open(p).read()\n", List.of(R)),
                row("import os\ndef f(d):\n    return os.listdir(d) if os.path.exists(d) else []\n", List.of(R)),
                row("from pathlib import Path\ndef f(p):\n    return Path(p).read_text()\n", List.of(R)),
                // Writing.
                row("import pickle\ndef f(p, x):\n    with open(p, 'wb') as fh:\n        pickle.dump(x, fh)\n",
                        List.of(R, W)),
                row("def f(p):\n    open(p, mode='a').write('x')\n", List.of(R, W)),
                row("def f(p, m):\n    return open(p, m)\n", List.of(R, W)),
                row("def f(p, **kw):\n    return open(p, **kw)\n", List.of(R, W)),
                row("def f():\n    o = open\n    return o\n", List.of(R, W)),
                row("from os import remove\ndef f(p):\n    remove(p)\n", List.of(W)),
                row("import os as o\ndef f(p):\n    o.makedirs(p, exist_ok=True)\n", List.of(W)),
                row("import shutil\ndef f(p):\n    shutil.rmtree(p)\n", List.of(R, W)),
                row("from pathlib import Path\ndef f(p):\n    Path(p).write_text('x')\n", List.of(W)),
                row("def f(p):\n    p.rename('q')\n", List.of(W)),
                row("def f(df):\n    return df.rename(columns={'a': 'b'})\n", List.of()),
                row("import sqlite3\ndef f(p):\n    return sqlite3.connect(p)\n", List.of(R, W)),
                // Network and processes.
                row("import urllib.request\ndef f(u):\n    return urllib.request.urlopen(u).read()\n", List.of(N)),
                row("from urllib.request import urlretrieve\ndef f(u, p):\n    urlretrieve(u, p)\n", List.of(R, W, N)),
                row("def f(o, name):\n    return hasattr(o, name)\n", List.of()),
                row("import socket\ndef f():\n    return socket.create_connection(('example.org', 80))\n", List.of(N)),
                row("import subprocess\ndef f():\n    return subprocess.run(['ls'], capture_output=True).stdout\n",
                        List.of(P)),
                row("import os\ndef f(c):\n    return os.system(c)\n", List.of(P)),
                row("from multiprocessing import Pool\ndef f(xs):\n    with Pool(2) as p:\n        return p.map(abs, xs)\n",
                        List.of(P)),
                // What the checks cannot follow counts as everything.
                row("import builtins\ndef f(p):\n    getattr(builtins, 'op' + 'en')(p, 'w')\n", EVERYTHING),
                row("def f(o, name):\n    return getattr(o, name)()\n", EVERYTHING),
                row("def f(s):\n    return eval(s)\n", EVERYTHING),
                row("def f(s):\n    exec(compile(s, 'x', 'exec'))\n", EVERYTHING),
                row("def f():\n    return __import__('os').listdir('.')\n", EVERYTHING),
                row("import importlib\ndef f(m):\n    return importlib.import_module(m)\n", EVERYTHING),
                row("import ctypes\ndef f():\n    return ctypes.CDLL(None)\n", EVERYTHING),
                row("def f(x):\n    return x.__class__.__subclasses__()\n", EVERYTHING),
                row("def f():\n    return __builtins__\n", EVERYTHING),
                row("import numpy as np\ndef f():\n    return np.zeros(3).tolist()\n", EVERYTHING),
                row("def f():\n    g = getattr\n    return g\n", EVERYTHING),
                // A constant getattr is an ordinary attribute.
                row("import os\ndef f(p):\n    return getattr(os, 'remove')(p)\n", List.of(W)),
                // Helpers, classes and the top level count for the function that uses them.
                row("import os\ndef _save(p):\n    os.remove(p)\ndef f(p):\n    _save(p)\n", List.of(W)),
                row("class Store:\n    def put(self, p):\n        open(p, 'w').close()\ndef f(p):\n    Store().put(p)\n",
                        List.of(R, W)),
                row("import os\ndef _save(p):\n    os.remove(p)\ndef f(_save):\n    return _save\n", List.of()),
                row("import os\nos.makedirs('/tmp/x', exist_ok=True)\ndef f():\n    return 1\n", List.of(W, L)),
                row("import os\nPATH = os.path.expanduser('~/data/x.pkl')\ndef f():\n    return PATH\n", List.of(L)),
                row("import subprocess\nsubprocess.run(['ls'])\ndef f():\n    return 1\n", List.of(P, L)),
                row("import os\ndef f():\n    return 1\ndef main():\n    os.remove('x')\n"
                        + "if __name__ == '__main__':\n    main()\n", List.of(L)),
                row("from os import *\ndef f(p):\n    remove(p)\n", EVERYTHING));
    }

    private static Arguments row(String code, List<String> effects) {
        return Arguments.of(code, effects);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void theAnalyzerDerivesTheseEffects(String code, List<String> expected) throws Exception {
        CodeAnalysis analysis = analyzer.analyze(code);
        List<String> found = analysis.effectsOf("f").effects().list().stream().map(Effect::wire).toList();
        assertEquals(expected, found, code);
        for (String effect : expected) {
            assertTrue(analysis.effectsOf("f").reasons().stream().anyMatch(r -> r.effect().wire().equals(effect)),
                    "every effect comes with the line that shows it: " + effect + " in\n" + code);
        }
    }

    @Test
    void eachFunctionOfAModuleHasItsOwnEffectsAndTheReasonNamesTheLine() throws Exception {
        CodeAnalysis analysis = analyzer.analyze(Fixtures.expensesV1());
        assertEquals(Effects.of(Effect.READS_DATA, Effect.WRITES_DATA),
                analysis.effectsOf("record_expense").effects());
        assertEquals(Effects.of(Effect.READS_DATA), analysis.effectsOf("list_expenses").effects());
        String[] lines = Fixtures.expensesV1().split("\n");
        var write = analysis.effectsOf("record_expense").reasons().stream()
                .filter(r -> r.effect() == Effect.WRITES_DATA).findFirst().orElseThrow();
        assertEquals("os.makedirs", write.what());
        assertTrue(lines[write.line() - 1].contains("os.makedirs(data_dir)"), lines[write.line() - 1]);
    }

    @Test
    void codeThatDoesNotParseMayDoEverything() throws Exception {
        CodeAnalysis analysis = analyzer.analyze("def f(:\n    pass\n");
        assertEquals(Effects.ALL, analysis.effectsOf("f").effects());
    }
}
