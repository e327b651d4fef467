package io.kizuna.api.consistency;

/** Whether a read waited for a consistency token, and whether the views caught up in time. */
public enum ReadConsistency {
    /** No token was given: the views were read as they were. */
    NOT_REQUESTED,
    /** The views had processed every write the token names. */
    REACHED,
    /** The wait ran out first: the answer may not show every write the token names. */
    TIMED_OUT
}
