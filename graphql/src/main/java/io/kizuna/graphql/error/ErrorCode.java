package io.kizuna.graphql.error;

/** Values of {@code extensions.code} in GraphQL errors; clients branch on these, never on messages. */
public final class ErrorCode {

    public static final String BAD_USER_INPUT = "BAD_USER_INPUT";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED";
    public static final String GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED";
    public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    /** No API key, or an unknown or revoked one (HTTP 401). */
    public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    /** A valid key whose role may not use this field. */
    public static final String FORBIDDEN = "FORBIDDEN";
    /** The key's request budget is spent (HTTP 429 with Retry-After). */
    public static final String RATE_LIMITED = "RATE_LIMITED";
    /** The document nests deeper than {@code kizuna.graphql.max-depth}. */
    public static final String QUERY_TOO_DEEP = "QUERY_TOO_DEEP";
    /** The document asks for more than {@code kizuna.graphql.max-complexity}. */
    public static final String QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX";
    /** The request ran longer than {@code kizuna.graphql.timeout}. */
    public static final String TIMEOUT = "TIMEOUT";

    private ErrorCode() {}
}
