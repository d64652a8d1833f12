package io.toolsmith.ui.window;

import io.toolsmith.util.UserFacingException;

/**
 * Seam to the engine's sandbox: which backend runs functions and how isolated it is.
 * Blocking: called on the background executor.
 */
public interface SandboxInfo {
    SandboxStatus status() throws UserFacingException;

    /** {@code isolation} is e.g. "bubblewrap", "microVM" or "none" (shown in a warning colour). */
    record SandboxStatus(String backend, String isolation) {
        public boolean isolated() {
            return isolation != null && !isolation.isBlank() && !isolation.equalsIgnoreCase("none");
        }
    }
}
