package io.toolsmith.ui.window;

import io.toolsmith.util.UserFacingException;

/**
 * Seam to the engine's sandbox: which backend runs functions and how isolated it is.
 * Blocking: called on the background executor.
 */
public interface SandboxInfo {
    SandboxStatus status() throws UserFacingException;

    /** {@code isolation} is e.g. "bubblewrap", "microVM" or "none" (shown in a warning colour). */
    /**
     * @param detail a sentence about the isolation, e.g. why there is none and what to install; may be null
     */
    record SandboxStatus(String backend, String isolation, String detail) {
        public SandboxStatus(String backend, String isolation) {
            this(backend, isolation, null);
        }

        public boolean isolated() {
            return isolation != null && !isolation.isBlank() && !isolation.equalsIgnoreCase("none");
        }
    }
}
