package io.kizuna.infra;

/**
 * API keys for the integration tests. {@link #ADMIN} is the bootstrap admin key every test application gets from
 * {@code src/test/resources/config/application.properties}; {@link GraphQlClient} sends it by default. Keys of other
 * roles are made with {@code createApiKey} through a client with this one.
 */
public final class TestKeys {

    public static final String ADMIN = "kz_integration-tests-admin-key-0001";

    private TestKeys() {}

    /** The {@code Authorization} header value for a key. */
    public static String bearer(String key) {
        return "Bearer " + key;
    }
}
