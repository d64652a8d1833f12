package io.toolsmith.functions;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.List;

/** Unified diffs (java-diff-utils) between an approved version and the current one. Stateless. */
final class Diffs {
    private Diffs() {
    }

    static String unified(String oldName, String oldText, String newName, String newText) {
        List<String> oldLines = lines(oldText);
        List<String> newLines = lines(newText);
        var patch = DiffUtils.diff(oldLines, newLines);
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(oldName, newName, oldLines, patch, 3)) + "\n";
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
    }
}
