package io.toolsmith.llm;

import java.util.function.Consumer;

/**
 * Separates reasoning that a model writes into the reply itself, as {@code <think>…</think>} at its start (Qwen 3,
 * DeepSeek R1 and others when the server does not split it off), from the answer, while the reply streams. A tag
 * may arrive split across chunks, so text that could still be the start of a tag is held back until it is known.
 * Only a block at the very start counts: a {@code <think>} later in a reply is the model's text (it may be writing
 * about the tag). One thread only.
 */
final class InlineThinking {
    private static final String OPEN = "<think>";
    private static final String CLOSE = "</think>";

    private enum State { START, THINKING, ANSWER }

    private final Consumer<String> content;
    private final Consumer<String> thinking;
    private final StringBuilder held = new StringBuilder();
    private State state = State.START;
    /** After the closing tag, the blank lines before the answer are dropped. */
    private boolean answerStarted;

    InlineThinking(Consumer<String> content, Consumer<String> thinking) {
        this.content = content;
        this.thinking = thinking;
    }

    void accept(String delta) {
        if (delta == null || delta.isEmpty()) {
            return;
        }
        switch (state) {
            case START -> start(delta);
            case THINKING -> think(delta);
            case ANSWER -> answer(delta);
        }
    }

    /** The reply ended: whatever was held back goes where it belongs (an unclosed block is all reasoning). */
    void flush() {
        String rest = held.toString();
        held.setLength(0);
        if (rest.isEmpty()) {
            return;
        }
        if (state == State.THINKING) {
            thinking.accept(rest);
        } else {
            state = State.ANSWER;
            content.accept(rest);
        }
    }

    private void start(String delta) {
        held.append(delta);
        String lead = held.toString().stripLeading();
        if (lead.isEmpty() || (OPEN.startsWith(lead) && lead.length() < OPEN.length())) {
            return; // still could be the opening tag
        }
        if (lead.startsWith(OPEN)) {
            held.setLength(0);
            state = State.THINKING;
            think(lead.substring(OPEN.length()));
        } else {
            String all = held.toString();
            held.setLength(0);
            state = State.ANSWER;
            answerStarted = true;
            content.accept(all);
        }
    }

    private void think(String delta) {
        held.append(delta);
        String text = held.toString();
        int close = text.indexOf(CLOSE);
        if (close >= 0) {
            held.setLength(0);
            emitThinking(text.substring(0, close));
            state = State.ANSWER;
            answer(text.substring(close + CLOSE.length()));
            return;
        }
        int keep = partialTagAtEnd(text);
        held.setLength(0);
        held.append(text, text.length() - keep, text.length());
        emitThinking(text.substring(0, text.length() - keep));
    }

    private void answer(String delta) {
        String text = answerStarted ? delta : delta.stripLeading();
        if (!text.isEmpty()) {
            answerStarted = true;
            content.accept(text);
        }
    }

    private void emitThinking(String text) {
        if (!text.isEmpty()) {
            thinking.accept(text);
        }
    }

    /** How many characters at the end of {@code text} could begin the closing tag. */
    private static int partialTagAtEnd(String text) {
        for (int k = Math.min(CLOSE.length() - 1, text.length()); k > 0; k--) {
            if (text.endsWith(CLOSE.substring(0, k))) {
                return k;
            }
        }
        return 0;
    }
}
