package io.toolsmith.llm;

/** Receives download progress; called on the thread that called {@code pull}. */
public interface PullListener {
    void onProgress(PullProgress progress);
}
