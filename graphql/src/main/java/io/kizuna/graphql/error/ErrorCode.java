package io.kizuna.graphql.error;

/** Values of {@code extensions.code} in GraphQL errors; clients branch on these, never on messages. */
public final class ErrorCode {

    public static final String BAD_USER_INPUT = "BAD_USER_INPUT";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED";
    public static final String GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED";
    public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    private ErrorCode() {}
}
