package io.toolsmith.ui.functions;

import io.toolsmith.functions.FunctionActions;
import io.toolsmith.functions.FunctionStatus;
import io.toolsmith.functions.Review;
import java.util.Locale;

/** The Functions tab's status filter; {@link #matches} also applies the search text. Pure. */
public enum StatusFilter {
    ALL("All functions"),
    AWAITING_REVIEW("Waiting for review"),
    APPROVED("Approved"),
    REJECTED("Rejected"),
    INCOMPLETE("Needs code or spec");

    private final String label;

    StatusFilter(String label) {
        this.label = label;
    }

    boolean admits(FunctionStatus status) {
        return switch (this) {
            case ALL -> true;
            case AWAITING_REVIEW -> FunctionActions.awaitsReview(status);
            case APPROVED -> status == FunctionStatus.APPROVED;
            case REJECTED -> status == FunctionStatus.REJECTED;
            case INCOMPLETE -> status == FunctionStatus.NEEDS_CODE || status == FunctionStatus.NEEDS_SPEC;
        };
    }

    /** Whether the function passes this filter and its name, module or description contains {@code search}. */
    boolean matches(Review review, String search) {
        if (!admits(review.entry().status())) {
            return false;
        }
        String needle = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
        if (needle.isEmpty()) {
            return true;
        }
        String description = review.spec() == null ? "" : review.spec().path("description").asText("");
        return (review.entry().name() + "\n" + review.entry().module() + "\n" + description)
                .toLowerCase(Locale.ROOT).contains(needle);
    }

    @Override
    public String toString() {
        return label;
    }

    /** What the Functions list says when it shows nothing: how functions come, or that none matches. */
    static String emptyListText(boolean libraryEmpty, String search, StatusFilter filter) {
        if (libraryEmpty) {
            return "No functions yet. Ask the model for something it cannot do yet, such as \"write an expense "
                    + "tracker\": the code and spec it writes appear here for you to review.";
        }
        String words = search == null ? "" : search.strip();
        if (!words.isEmpty()) {
            return filter == null || filter == ALL ? "No function matches \u201c" + words + "\u201d."
                    : "No function under \u201c" + filter + "\u201d matches \u201c" + words + "\u201d.";
        }
        return "No function under \u201c" + filter + "\u201d.";
    }
}
