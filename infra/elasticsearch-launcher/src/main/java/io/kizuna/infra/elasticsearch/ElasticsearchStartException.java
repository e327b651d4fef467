package io.kizuna.infra.elasticsearch;

/** Thrown when no node could be reused or started; the message says what to do about it. */
public class ElasticsearchStartException extends RuntimeException {

    public ElasticsearchStartException(String message) {
        super(message);
    }

    public ElasticsearchStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
