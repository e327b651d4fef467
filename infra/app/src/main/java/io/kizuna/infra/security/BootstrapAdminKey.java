package io.kizuna.infra.security;

import io.kizuna.api.apikey.ApiKeyDetails;
import io.kizuna.command.apikey.ApiKeyRegistry;
import io.kizuna.command.apikey.ApiKeySecrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The first admin key, so that a fresh installation can be administered at all. {@code kizuna.bootstrap-admin-key}
 * ({@code KIZUNA_BOOTSTRAP_ADMIN_KEY}) is created as an ADMIN key named {@value #NAME} at start-up, once: later
 * starts change nothing (a revoked bootstrap key stays revoked). Without it, and with
 * {@code kizuna.security.generate-admin-key=true} (what {@code ./kizuna up} sets), a key is generated once, kept in
 * {@code <data dir>/admin-api-key} (readable by its owner only) and reused at every start, and the banner prints it.
 */
@Component
public class BootstrapAdminKey implements ApplicationRunner {

    public static final String NAME = "bootstrap-admin";
    static final String FILE = "admin-api-key";
    private static final Logger log = LoggerFactory.getLogger(BootstrapAdminKey.class);

    private final ApiKeyRegistry registry;
    private final String configured;
    private final boolean generate;
    private final Path dataDir;
    private volatile String generated;

    public BootstrapAdminKey(
            ApiKeyRegistry registry,
            @Value("${kizuna.bootstrap-admin-key:}") String configured,
            @Value("${kizuna.security.generate-admin-key:false}") boolean generate,
            @Value("${kizuna.data-dir:./data}") Path dataDir) {
        this.registry = registry;
        this.configured = configured;
        this.generate = generate;
        this.dataDir = dataDir;
    }

    @Override
    public void run(ApplicationArguments args) {
        String secret = configured == null || configured.isBlank() ? null : configured.strip();
        if (secret == null && generate) {
            secret = generated = readOrGenerate(dataDir.resolve(FILE));
        }
        if (secret == null) {
            return;
        }
        ApiKeyDetails key = registry.ensureAdmin(secret, NAME);
        if (key.revoked()) {
            log.warn("The bootstrap admin key {} was revoked; it stays revoked", key.id());
        } else {
            log.info("Bootstrap admin key ready: id {}", key.id());
        }
    }

    /** The key generated for {@code ./kizuna up}, to print once the platform is ready; null otherwise. */
    public String generatedKey() {
        return generated;
    }

    public Path file() {
        return dataDir.resolve(FILE);
    }

    private static String readOrGenerate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(file.getParent());
            String secret = ApiKeySecrets.generate();
            try {
                // created owner-only, never readable by others even for a moment
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file); // not a POSIX file system: the folder's own permissions protect it
            }
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or write the admin key file " + file, e);
        }
    }
}
