package io.toolsmith.ui.setup;

import java.util.List;

/** A model known to write and call functions well, with its download size for the setup dialog. */
public record SuggestedModel(String name, String size, String note) {

    /** Best first. */
    public static final List<SuggestedModel> FOR_FUNCTION_CALLING = List.of(
            new SuggestedModel("gemma3:12b", "8.1 GB", "recommended: good functions, needs about 12 GB of memory"),
            new SuggestedModel("gemma3:27b", "17 GB", "best results, needs a large GPU or 32 GB of memory"),
            new SuggestedModel("qwen3:8b", "5.2 GB", "fast, thinks before it answers"),
            new SuggestedModel("gemma3:4b", "3.3 GB", "small machines; simpler functions"));
}
