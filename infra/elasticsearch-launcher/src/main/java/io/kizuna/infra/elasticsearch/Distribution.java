package io.kizuna.infra.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Enumeration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Elasticsearch integ-test zip: its version, where it is, and unpacking it into a node's home. */
final class Distribution {

    static final String DISTRIBUTION_PROPERTY = "kizuna.elasticsearch.distribution";
    static final String DISTRIBUTION_ENV = "KIZUNA_ES_DISTRIBUTION";
    private static final String MARKER = ".kizuna-unpacked";

    private static final Logger log = LoggerFactory.getLogger(Distribution.class);

    private Distribution() {}

    /** The Elasticsearch version this launcher was built for (the parent pom's elasticsearch.server.version). */
    static String version() {
        Properties properties = new Properties();
        try (InputStream in = Distribution.class.getResourceAsStream("launcher.properties")) {
            if (in == null) {
                throw new IllegalStateException("launcher.properties is missing from the launcher jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("elasticsearch.version");
    }

    /** The folder name inside the zip and inside a node's home. */
    static String folderName() {
        return "elasticsearch-" + version();
    }

    static Path locateZip() {
        return locateZip(System::getProperty, System.getenv(), version());
    }

    static Path locateZip(Function<String, String> systemProperties, Map<String, String> env, String version) {
        String explicit = systemProperties.apply(DISTRIBUTION_PROPERTY);
        if (explicit == null || explicit.isBlank()) {
            explicit = env.get(DISTRIBUTION_ENV);
        }
        if (explicit != null && !explicit.isBlank()) {
            Path zip = Path.of(explicit);
            if (!Files.isRegularFile(zip)) {
                throw new ElasticsearchStartException("The Elasticsearch distribution named by " + DISTRIBUTION_PROPERTY
                        + " / " + DISTRIBUTION_ENV + " does not exist: " + zip);
            }
            return zip;
        }
        String repository = systemProperties.apply("maven.repo.local");
        Path localRepository = repository == null || repository.isBlank()
                ? Path.of(systemProperties.apply("user.home"), ".m2", "repository")
                : Path.of(repository);
        Path zip = localRepository.resolve("org/elasticsearch/distribution/integ-test-zip/elasticsearch/" + version
                + "/elasticsearch-" + version + ".zip");
        if (!Files.isRegularFile(zip)) {
            throw new ElasticsearchStartException("The Elasticsearch " + version + " distribution is not at " + zip
                    + ". Download it with `./mvnw -pl infra/elasticsearch-launcher dependency:resolve` (or build that"
                    + " module with `./mvnw -pl infra/elasticsearch-launcher -am install`), or point "
                    + DISTRIBUTION_PROPERTY + " / " + DISTRIBUTION_ENV + " at the zip.");
        }
        return zip;
    }

    /**
     * Unpacks the zip into {@code home} unless a complete copy is already there, and returns the Elasticsearch home.
     * The caller holds the home's lock; the marker file tells a complete copy from one a crash left half-written.
     */
    static Path unpack(Path zip, Path home) {
        Path target = home.resolve(folderName());
        if (Files.isRegularFile(target.resolve(MARKER))) {
            return target;
        }
        long started = System.nanoTime();
        Path staging = home.resolve(".unpack-" + UUID.randomUUID());
        try {
            extract(zip, staging);
            Path unpacked = staging.resolve(folderName());
            makeScriptsExecutable(unpacked.resolve("bin"));
            Files.writeString(unpacked.resolve(MARKER), zip + "\n");
            deleteRecursively(target);
            Files.move(unpacked, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ElasticsearchStartException("Could not unpack " + zip + " into " + home + ": " + e, e);
        } finally {
            deleteRecursively(staging);
        }
        log.info("Unpacked {} into {} in {} ms", zip.getFileName(), target, (System.nanoTime() - started) / 1_000_000);
        return target;
    }

    private static void extract(Path zip, Path destination) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path path = destination.resolve(entry.getName()).normalize();
                if (!path.startsWith(destination)) {
                    throw new IOException("Zip entry escapes the destination: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else {
                    Files.createDirectories(path.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, path);
                    }
                }
            }
        }
    }

    // java.util.zip drops the Unix modes stored in the zip; the launch scripts need theirs back.
    private static void makeScriptsExecutable(Path bin) throws IOException {
        try (Stream<Path> scripts = Files.list(bin)) {
            for (Path script : scripts.toList()) {
                String name = script.getFileName().toString();
                if (!name.endsWith(".bat") && !name.endsWith(".exe")) {
                    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
    }

    static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path each :
                    tree.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(each);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + path, e);
        }
    }
}
