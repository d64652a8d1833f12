package io.toolsmith.data;

import io.toolsmith.util.UserFacingException;

/** The data folder is over its quota, so nothing more is saved or run until it shrinks. */
public final class DataQuotaException extends UserFacingException {
    public DataQuotaException(String sentence) {
        super(sentence);
    }
}
