package io.kizuna.bench.phase;

import io.kizuna.bench.platform.PlatformClient;
import io.kizuna.bench.platform.PlatformClient.IntakeAnswer;
import java.io.PrintStream;
import tools.jackson.databind.JsonNode;

/**
 * The intake's credentials: the API key as a Bearer token when one is given, else a source's write key as HTTP Basic
 * user name (Segment's way), either given ({@code --write-key}) or made for the run with {@code createSource}.
 */
public final class Sources {

    private static final String CREATE =
            "mutation($name: String!) { createSource(name: $name) { source { id name } writeKey } }";

    private final PlatformClient client;
    private final String sourceName;
    private final PrintStream err;
    private String writeKey;
    private String sourceId;
    private boolean fellBack;

    public Sources(PlatformClient client, String writeKey, String sourceName, PrintStream err) {
        this.client = client;
        this.writeKey = writeKey == null || writeKey.isBlank() ? null : writeKey;
        this.sourceName = sourceName;
        this.err = err;
    }

    /** Sets the intake's credentials before the first send. */
    public synchronized void setUp() {
        if (client.hasApiKey()) {
            return; // Bearer, set by the client
        }
        if (writeKey == null) {
            create();
        }
        client.useWriteKey(writeKey);
    }

    /**
     * After the intake refused the API key: switches to a write key (made now if none was given). False when already
     * done, or when no API key was in use.
     */
    synchronized boolean fallBackToWriteKey(IntakeAnswer refusal) {
        if (fellBack || !client.hasApiKey()) {
            return fellBack;
        }
        err.println("kizuna bench: the intake refused the API key (HTTP " + refusal.status()
                + "); sending with a source's write key instead");
        if (writeKey == null) {
            create();
        }
        client.useWriteKey(writeKey);
        fellBack = true;
        return true;
    }

    /** How the intake was authenticated: {@code api-key}, {@code write-key} or {@code write-key (created)}. */
    public synchronized String mode() {
        if (client.hasApiKey() && !fellBack) {
            return "api-key";
        }
        return sourceId != null ? "write-key (source " + sourceId + " created)" : "write-key";
    }

    private void create() {
        JsonNode created =
                client.data(CREATE, PlatformClient.vars("name", sourceName)).get("createSource");
        writeKey = created.get("writeKey").asString();
        sourceId = created.at("/source/id").asString();
    }
}
