package io.toolsmith.data;

/** Raised while reading when the pickle's opcodes do not fit together; {@link PickleReader} adds the file and byte. */
final class CorruptPickleException extends RuntimeException {
    CorruptPickleException(String reason) {
        super(reason, null, false, false);
    }
}
