package io.kizuna.infra.elasticsearch;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a node answers, where its files live, and how it is started.
 *
 * @param url the node's HTTP address, e.g. {@code http://127.0.0.1:9200}; a node is only started for a local address
 * @param home the folder holding the unpacked distribution, the data and the logs (moved elsewhere when running as root
 *     and the service user cannot reach it)
 * @param heap the JVM heap, e.g. {@code 512m} or {@code 2g}; used for both {@code -Xms} and {@code -Xmx}
 * @param startTimeout how long to wait for the node to become yellow or green
 * @param clusterName the node's {@code cluster.name}
 */
public record LauncherSettings(URI url, Path home, String heap, Duration startTimeout, String clusterName) {

    private static final Pattern HEAP = Pattern.compile("\\d+[kKmMgG]?");

    public LauncherSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(clusterName, "clusterName");
        if (!"http".equals(url.getScheme()) || url.getHost() == null || url.getPort() < 1) {
            throw new IllegalArgumentException("url must be http://host:port, was " + url);
        }
        if (heap == null || !HEAP.matcher(heap).matches()) {
            throw new IllegalArgumentException("heap must be a JVM size such as 512m or 2g, was " + heap);
        }
        home = home.toAbsolutePath().normalize();
    }

    /** A node on {@code http://127.0.0.1:9200} with 512 MB of heap, two minutes to start, cluster {@code kizuna}. */
    public static LauncherSettings defaults(Path home) {
        return new LauncherSettings(
                URI.create("http://127.0.0.1:9200"), home, "512m", Duration.ofSeconds(120), "kizuna");
    }

    public LauncherSettings withPort(int port) {
        return withUrl(URI.create("http://" + url.getHost() + ":" + port));
    }

    public LauncherSettings withUrl(URI newUrl) {
        return new LauncherSettings(newUrl, home, heap, startTimeout, clusterName);
    }

    public LauncherSettings withHeap(String newHeap) {
        return new LauncherSettings(url, home, newHeap, startTimeout, clusterName);
    }

    public LauncherSettings withStartTimeout(Duration newStartTimeout) {
        return new LauncherSettings(url, home, heap, newStartTimeout, clusterName);
    }

    public LauncherSettings withClusterName(String newClusterName) {
        return new LauncherSettings(url, home, heap, startTimeout, newClusterName);
    }
}
