package io.toolsmith.functions;

import io.toolsmith.util.UserFacingException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides which {@code python} blocks of a reply enter the library. Models explain with sample code as readily
 * as they write tools, and sample code stored as a "needs spec" function is junk the user has to clear away. So
 * a block enters only when it is meant as a function for the user:
 * <ul>
 *   <li>a {@code function_spec} block in the same reply names one of its functions, or the library already
 *       holds a spec for one of them (a revision of a known function); or</li>
 *   <li>the user's latest message asks for a function ({@link #asksForFunction}).</li>
 * </ul>
 * Any other code stays text in the chat, where "Add to library" takes it in by hand.
 */
public final class LibraryIntake {
    // "write a function", "turn it into a tool", "I need a helper that…": a verb of wanting or making, then
    // within a few words the thing itself.
    private static final Pattern ASKS_FOR_FUNCTION = Pattern.compile(
            "\\b(write|create|make|build|implement|define|add|give me|need|want|generate|turn|convert)\\b"
                    + "[^.?!\\n]{0,40}?\\b(function|tool|helper)s?\\b");
    private static final Pattern MAKING = Pattern.compile("\\b(write|create|make|build|implement|develop|code up)\\b");
    // A request to be taught ("how do I write…", "write an example of…") wants sample code, not a tool.
    private static final Pattern LEARNING = Pattern.compile(
            "\\b(example|examples|sample|explain|illustrate|demonstrate|tutorial|teach|what is|what's|what are"
                    + "|what does|what do|how does|how do|how would|why)\\b");

    private final FunctionLibrary library;
    private final boolean userAsked;
    private final Set<String> specNames;

    /**
     * @param userText  the user's latest message in this turn
     * @param specNames the function names of the {@code function_spec} blocks in the same reply
     */
    public LibraryIntake(FunctionLibrary library, String userText, List<String> specNames) {
        this.library = library;
        this.userAsked = asksForFunction(userText);
        this.specNames = Set.copyOf(specNames);
    }

    /** Whether this code block goes into the library. */
    public boolean admits(String code) throws UserFacingException {
        if (userAsked) {
            return true;
        }
        for (String name : library.definedFunctions(code)) {
            if (specNames.contains(name) || library.hasSpec(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A deliberately narrow reading of the user's message: it names a function, tool or helper after a verb of
     * making or wanting, or asks to write/create/make/build/implement something; and it is not a request to be
     * taught ("how do I write a function", "explain … with an example"). A missed request costs one click on
     * "Add to library"; a wrong guess costs a junk entry, so doubt means no.
     */
    public static boolean asksForFunction(String userText) {
        if (userText == null || userText.isBlank()) {
            return false;
        }
        String text = userText.toLowerCase(Locale.ROOT);
        boolean wants = ASKS_FOR_FUNCTION.matcher(text).find() || MAKING.matcher(text).find();
        return wants && !LEARNING.matcher(text).find();
    }
}
