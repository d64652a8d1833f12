package io.toolsmith.conversation;

/** A chat whose messages contain the searched text, with a line of the first message that does. */
public record ChatHit(String id, String snippet) {
}
