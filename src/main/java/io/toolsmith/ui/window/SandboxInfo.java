package io.toolsmith.ui.window;

import io.toolsmith.sandbox.Isolation;
import io.toolsmith.util.UserFacingException;

/**
 * Seam to the engine's sandbox: which backend runs functions and how isolated it is.
 * Blocking: called on the background executor.
 */
@FunctionalInterface
public interface SandboxInfo {
    Isolation isolation() throws UserFacingException;
}
