package io.toolsmith.ui.window;

/** What a model can do, shown as badges next to its name. */
public enum ModelCapability {
    VISION("vision"), TOOLS("tools"), THINKING("thinking");

    private final String label;

    ModelCapability(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
