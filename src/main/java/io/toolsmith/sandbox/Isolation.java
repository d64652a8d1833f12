package io.toolsmith.sandbox;

/**
 * How the functions run: the backend ("local", "microsandbox"), the level ("bubblewrap", "none", "microvm"),
 * whether they are kept away from the user's files at all, and a sentence saying so plainly.
 */
public record Isolation(String backend, String level, boolean isolated, String description) {
}
