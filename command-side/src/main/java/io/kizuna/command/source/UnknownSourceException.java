package io.kizuna.command.source;

/** No source has this id. */
public class UnknownSourceException extends RuntimeException {

    private final String sourceId;

    public UnknownSourceException(String sourceId) {
        super("no source with id " + sourceId);
        this.sourceId = sourceId;
    }

    public String sourceId() {
        return sourceId;
    }
}
