package io.kizuna.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP GraphQL client, as an integrator or frontend would use one; documents live in test resources. It sends
 * {@link TestKeys#ADMIN} as its API key unless made {@link #withKey with another} (or none).
 */
public final class GraphQlClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final String key;

    public GraphQlClient(int port) {
        this(port, TestKeys.ADMIN);
    }

    private GraphQlClient(int port, String key) {
        this.port = port;
        this.key = key;
    }

    /** A client sending this API key ({@code Authorization: Bearer}); null sends none. */
    public GraphQlClient withKey(String key) {
        return new GraphQlClient(port, key);
    }

    /** Creates an API key with this role (as the current key, an admin's) and answers with the key. */
    public String createKey(String name, String role) {
        JsonNode created = query(
                "mutation($n: String!, $r: Role!) { createApiKey(name: $n, role: $r) { key apiKey { id } } }",
                Map.of("n", name, "r", role));
        JsonNode secret = created.at("/data/createApiKey/key");
        if (!secret.isString()) {
            throw new IllegalStateException("could not create a key: " + created);
        }
        return secret.asString();
    }

    /** Runs {@code graphql-test/<name>.graphql} with variables given as alternating names and values. */
    public JsonNode document(String name, Object... variables) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            vars.put((String) variables[i], variables[i + 1]);
        }
        return query(read(name), vars);
    }

    public JsonNode query(String query, Map<String, Object> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        HttpResponse<String> response = post(JSON.writeValueAsString(body));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    public HttpResponse<String> post(String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", TestKeys.bearer(key));
        }
        return send(request.build());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET()
                .build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(String name) {
        try (InputStream in = GraphQlClient.class.getResourceAsStream("/graphql-test/" + name + ".graphql")) {
            if (in == null) {
                throw new IllegalArgumentException("no document graphql-test/" + name + ".graphql");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
