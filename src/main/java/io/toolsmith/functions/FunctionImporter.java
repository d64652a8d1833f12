package io.toolsmith.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds hand-written tool files to the library: the code as a module, and for each public function a spec derived
 * from its signature, type hints and docstring (Google, NumPy or reST style). Imported functions start pending.
 */
public final class FunctionImporter {
    private final FunctionLibrary library;
    private final PythonAnalyzer analyzer;

    public FunctionImporter(FunctionLibrary library, PythonAnalyzer analyzer) {
        this.library = library;
        this.analyzer = analyzer;
    }

    /** Imports one file and returns the names of the functions added. Nothing is stored if the file does not parse. */
    public List<String> importFile(Path file) throws UserFacingException {
        String code;
        try {
            code = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserFacingException("Cannot read " + file + " (" + e.getMessage() + "); check the path.", e);
        }
        CodeAnalysis analysis = analyzer.analyze(code);
        if (!analysis.parses()) {
            var error = analysis.syntaxErrors().get(0);
            throw new UserFacingException(file + " has a syntax error at line " + error.line() + " ("
                    + error.message() + "), so nothing was imported from it.");
        }
        List<ObjectNode> specs = analyzer.deriveSpecs(code);
        if (specs.isEmpty()) {
            throw new UserFacingException(file + " defines no public functions, so nothing was imported from it.");
        }
        library.addCode(code);
        List<String> names = new ArrayList<>();
        for (ObjectNode spec : specs) {
            names.add(library.addSpec(spec));
        }
        return names;
    }
}
