package io.kizuna.infra.elasticsearch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds a JDK recent enough to run Elasticsearch: ES_JAVA_HOME, then the JDKs in /usr/lib/jvm, then this JVM. */
final class JavaLocator {

    static final int MINIMUM_FEATURE = 21;
    static final Path SYSTEM_JVM_FOLDER = Path.of("/usr/lib/jvm");

    private static final Logger log = LoggerFactory.getLogger(JavaLocator.class);

    /** A JDK seen while looking, with the version its {@code release} file states (null when unreadable). */
    record Jdk(Path home, String version, String seenAs) {

        static Jdk at(Path home, String seenAs) {
            return new Jdk(home, releaseVersion(home).orElse(null), seenAs);
        }

        int feature() {
            return featureOf(version);
        }

        boolean usable() {
            return feature() >= MINIMUM_FEATURE && Files.isExecutable(home.resolve("bin/java"));
        }

        String describe() {
            return seenAs + " " + home + " (" + (version == null ? "no readable release file" : "Java " + version)
                    + ")";
        }
    }

    private JavaLocator() {}

    /** Looks in the usual places on this machine. */
    static Path locate(String elasticsearchVersion) {
        Path currentHome = Path.of(System.getProperty("java.home"));
        Jdk current = new Jdk(currentHome, System.getProperty("java.version"), "this JVM");
        return locate(System.getenv("ES_JAVA_HOME"), SYSTEM_JVM_FOLDER, current, elasticsearchVersion);
    }

    /** Looks at {@code esJavaHome} (may be null), then every JDK folder directly under {@code jvmFolder}, then {@code current}. */
    static Path locate(String esJavaHome, Path jvmFolder, Jdk current, String elasticsearchVersion) {
        List<String> seen = new ArrayList<>();
        if (esJavaHome == null || esJavaHome.isBlank()) {
            seen.add("ES_JAVA_HOME (not set)");
        } else {
            Jdk configured = Jdk.at(Path.of(esJavaHome), "ES_JAVA_HOME");
            if (configured.usable()) {
                return configured.home();
            }
            log.warn("Ignoring {}: Elasticsearch needs Java {} or newer", configured.describe(), MINIMUM_FEATURE);
            seen.add(configured.describe());
        }
        List<Jdk> installed = installedJdks(jvmFolder);
        Optional<Jdk> newest = installed.stream()
                .filter(Jdk::usable)
                .max(Comparator.comparingInt(Jdk::feature).thenComparing(Jdk::version, JavaLocator::compareVersions));
        if (newest.isPresent()) {
            return newest.get().home();
        }
        installed.forEach(jdk -> seen.add(jdk.describe()));
        if (installed.isEmpty()) {
            seen.add(jvmFolder + " (no JDK found)");
        }
        if (current.usable()) {
            return current.home();
        }
        seen.add(current.describe());
        throw new ElasticsearchStartException("Elasticsearch " + elasticsearchVersion + " needs Java " + MINIMUM_FEATURE
                + " or newer to run, but none was found. Looked at: " + String.join("; ", seen) + ". Install a JDK "
                + MINIMUM_FEATURE + " or newer (for example Eclipse Temurin 21 or 25) and set ES_JAVA_HOME to it, "
                + "or install it under " + SYSTEM_JVM_FOLDER + ".");
    }

    private static List<Jdk> installedJdks(Path jvmFolder) {
        if (!Files.isDirectory(jvmFolder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(jvmFolder)) {
            return entries.sorted()
                    .map(JavaLocator::jdkHome)
                    .flatMap(Optional::stream)
                    .distinct()
                    .map(home -> Jdk.at(home, "JDK"))
                    .toList();
        } catch (IOException e) {
            log.warn("Cannot list {}: {}", jvmFolder, e.toString());
            return List.of();
        }
    }

    /** The real JDK home in a folder entry; macOS keeps it under Contents/Home. */
    private static Optional<Path> jdkHome(Path entry) {
        for (Path candidate : List.of(entry, entry.resolve("Contents/Home"))) {
            if (Files.isRegularFile(candidate.resolve("release"))) {
                try {
                    return Optional.of(candidate.toRealPath());
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    static Optional<String> releaseVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(release)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(properties.getProperty("JAVA_VERSION"))
                .map(value -> value.replace("\"", "").trim())
                .filter(value -> !value.isEmpty());
    }

    /** The feature release of a version string: 25 for "25.0.1", 8 for "1.8.0_392", 0 when unknown. */
    static int featureOf(String version) {
        if (version == null) {
            return 0;
        }
        String[] parts = version.split("[._+-]");
        try {
            int first = Integer.parseInt(parts[0]);
            return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int compareVersions(String left, String right) {
        String[] a = left.split("\\D+");
        String[] b = right.split("\\D+");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length && !a[i].isEmpty() ? Integer.parseInt(a[i]) : 0;
            int y = i < b.length && !b[i].isEmpty() ? Integer.parseInt(b[i]) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }
}
