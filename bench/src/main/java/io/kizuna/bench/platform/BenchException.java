package io.kizuna.bench.platform;

/** A failure that stops the bench, with a message a person can act on. */
public class BenchException extends RuntimeException {

    public BenchException(String message) {
        super(message);
    }

    public BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
