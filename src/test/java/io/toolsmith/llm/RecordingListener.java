package io.toolsmith.llm;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every streamed piece in arrival order, for assertions. */
final class RecordingListener implements StreamListener {
    final List<String> content = new CopyOnWriteArrayList<>();
    final List<String> thinking = new CopyOnWriteArrayList<>();
    final List<ToolCall> toolCalls = new CopyOnWriteArrayList<>();

    @Override
    public void onContent(String delta) {
        content.add(delta);
    }

    @Override
    public void onThinking(String delta) {
        thinking.add(delta);
    }

    @Override
    public void onToolCalls(List<ToolCall> calls) {
        toolCalls.addAll(calls);
    }

    String text() {
        return String.join("", content);
    }
}
