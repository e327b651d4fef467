package io.kizuna.cli.importing.intake;

/** The intake cannot take the import any further: the message says why and what to do. */
public final class IntakeException extends Exception {

    public IntakeException(String message) {
        super(message, null, false, false);
    }
}
