package io.kizuna.cli.importing;

/** The command line is wrong: the message says how, and the command exits with status 2. */
public final class UsageException extends Exception {

    public UsageException(String message) {
        super(message, null, false, false);
    }
}
