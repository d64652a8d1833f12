package io.toolsmith.functions;

/** A module whose code the user approved and that has not changed since: the only code the sandbox defines. */
public record ApprovedModule(String module, String code, boolean network) {
}
