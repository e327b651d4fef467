package io.kizuna.infra.elasticsearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operating-system user the node runs as: the current one, or a dedicated service user when the current one is root
 * (Elasticsearch refuses to run as root).
 */
final class NodeUser {

    static final String SERVICE_USER = "kizuna-es";
    static final Path ROOT_FALLBACK_FOLDER = Path.of("/var/lib/kizuna/elasticsearch");

    private static final Logger log = LoggerFactory.getLogger(NodeUser.class);
    private static final NodeUser CURRENT = new NodeUser(detectRoot());
    private static final Set<Path> REPORTED_FALLBACKS = ConcurrentHashMap.newKeySet();

    private final boolean root;

    private NodeUser(boolean root) {
        this.root = root;
    }

    static NodeUser current() {
        return CURRENT;
    }

    boolean isRoot() {
        return root;
    }

    /**
     * The home the node really uses: the requested one, unless we are root and the service user cannot reach it (for
     * example anything under /root, which is mode 700); then a folder under /var/lib/kizuna/elasticsearch.
     */
    Path effectiveHome(Path requested) {
        Path home = requested.toAbsolutePath().normalize();
        if (!root || parentsReachable(home)) {
            return home;
        }
        Path fallback = ROOT_FALLBACK_FOLDER.resolve(shortHash(home.toString()));
        if (REPORTED_FALLBACKS.add(home)) {
            log.info(
                    "User {} cannot reach {} (a parent folder lacks o+x); using {} for the Elasticsearch files instead",
                    SERVICE_USER,
                    home,
                    fallback);
        }
        return fallback;
    }

    /** Whether the node's user can open {@code path}: every folder above it must be traversable by others. */
    boolean canReach(Path path) {
        return !root || parentsReachable(path.toAbsolutePath().normalize());
    }

    /** Creates {@code folder} and any missing parents, each readable and traversable by the node's user. */
    void createFolders(Path folder) {
        try {
            Path existing = folder;
            List<Path> missing = new ArrayList<>();
            while (existing != null && !Files.exists(existing)) {
                missing.add(0, existing);
                existing = existing.getParent();
            }
            for (Path each : missing) {
                Files.createDirectories(each);
                // The umask may be 077; the service user must still get through.
                Files.setPosixFilePermissions(each, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + folder, e);
        }
    }

    /** When root: creates the service user if needed and hands it the node's files. */
    void takeOwnership(Path home) {
        if (!root) {
            return;
        }
        ensureServiceUser();
        Exec.Result chown = Exec.run("chown", "-R", SERVICE_USER, home.toString());
        if (chown.exitCode() != 0) {
            throw new ElasticsearchStartException(
                    "Could not give " + home + " to user " + SERVICE_USER + ": " + chown.output());
        }
    }

    /** The command line that runs {@code command} as the node's user. */
    List<String> commandLine(List<String> command) {
        if (!root) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", SERVICE_USER, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void ensureServiceUser() {
        if (Exec.run("id", SERVICE_USER).exitCode() == 0) {
            return;
        }
        Exec.Result useradd =
                Exec.run("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SERVICE_USER);
        // Another JVM may have created it in the meantime.
        if (useradd.exitCode() != 0 && Exec.run("id", SERVICE_USER).exitCode() != 0) {
            throw new ElasticsearchStartException("Elasticsearch refuses to run as root, and the user " + SERVICE_USER
                    + " could not be created (useradd: " + useradd.output().strip() + "). Create it with `useradd"
                    + " --system --no-create-home --shell /usr/sbin/nologin " + SERVICE_USER + "` or run as a"
                    + " non-root user.");
        }
        log.info("Created system user {} to run Elasticsearch (it refuses to run as root)", SERVICE_USER);
    }

    private static boolean parentsReachable(Path path) {
        Path existing = path.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return true;
        }
        try {
            // Resolve symbolic links: what matters is the folders the real path goes through.
            for (Path folder = existing.toRealPath(); folder != null; folder = folder.getParent()) {
                if (!Files.getPosixFilePermissions(folder).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean detectRoot() {
        if ("root".equals(System.getProperty("user.name"))) {
            return true;
        }
        if (System.getProperty("os.name").toLowerCase().startsWith("windows")) {
            return false;
        }
        Exec.Result id = Exec.run("id", "-u");
        return id.exitCode() == 0 && id.output().strip().equals("0");
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
