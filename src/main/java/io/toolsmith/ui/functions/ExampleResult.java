package io.toolsmith.ui.functions;

/** What running one spec example gave: the result JSON, or the error sentence. */
public record ExampleResult(String prompt, boolean succeeded, String output) {
}
