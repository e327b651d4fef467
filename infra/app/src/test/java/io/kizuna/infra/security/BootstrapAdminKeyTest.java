package io.kizuna.infra.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.kizuna.api.apikey.ApiKeyDetails;
import io.kizuna.api.apikey.Role;
import io.kizuna.command.apikey.ApiKeyRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapAdminKeyTest {

    @TempDir
    Path dataDir;

    private final ApiKeyRegistry registry = mock(ApiKeyRegistry.class);

    @BeforeEach
    void setUp() {
        when(registry.ensureAdmin(anyString(), anyString()))
                .thenReturn(new ApiKeyDetails("k-1", BootstrapAdminKey.NAME, Role.ADMIN, Instant.EPOCH, null));
    }

    @Test
    void aConfiguredKeyIsCreatedAndNeitherWrittenNorPrinted() {
        BootstrapAdminKey bootstrap = new BootstrapAdminKey(registry, "kz_configured-admin-key-01", true, dataDir);

        bootstrap.run(null);

        verify(registry).ensureAdmin("kz_configured-admin-key-01", BootstrapAdminKey.NAME);
        assertThat(bootstrap.generatedKey()).isNull();
        assertThat(dataDir.resolve(BootstrapAdminKey.FILE)).doesNotExist();
    }

    @Test
    void aGeneratedKeyIsKeptInTheDataFolderForItsOwnerAndReusedAtTheNextStart() throws Exception {
        BootstrapAdminKey first = new BootstrapAdminKey(registry, "", true, dataDir);
        first.run(null);
        BootstrapAdminKey second = new BootstrapAdminKey(registry, "", true, dataDir);
        second.run(null);

        String key = first.generatedKey();
        assertThat(key).startsWith("kz_");
        assertThat(second.generatedKey()).isEqualTo(key);
        Path file = dataDir.resolve(BootstrapAdminKey.FILE);
        assertThat(Files.readString(file).strip()).isEqualTo(key);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        verify(registry, org.mockito.Mockito.times(2)).ensureAdmin(eq(key), eq(BootstrapAdminKey.NAME));
    }

    @Test
    void withoutKeyOrGenerationThereIsNoBootstrapKey() {
        new BootstrapAdminKey(registry, "", false, dataDir).run(null);

        verify(registry, never()).ensureAdmin(anyString(), anyString());
    }
}
