package io.toolsmith.llm;

/**
 * One progress line of a model download.
 *
 * @param digest    the layer being downloaded ({@code sha256:…}); null for steps such as "pulling manifest"
 * @param total     bytes of that layer, 0 when not a download step
 * @param completed bytes of that layer on disk so far
 */
public record PullProgress(String status, String digest, long total, long completed) {

    /** Percent of this layer done, 0 to 100; 0 when the size is unknown. */
    public double percent() {
        return total <= 0 ? 0 : Math.min(100.0, completed * 100.0 / total);
    }

    public boolean isSuccess() {
        return "success".equals(status);
    }
}
