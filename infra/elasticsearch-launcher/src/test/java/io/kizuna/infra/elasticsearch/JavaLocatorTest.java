package io.kizuna.infra.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaLocatorTest {

    private static final JavaLocator.Jdk OLD_CURRENT_JVM =
            new JavaLocator.Jdk(Path.of("/opt/old-jdk"), "17.0.15", "this JVM");

    @TempDir
    Path jvmFolder;

    @Test
    void findsTheNewestJdkOfThisMachine() {
        Path found = JavaLocator.locate(null, JavaLocator.SYSTEM_JVM_FOLDER, OLD_CURRENT_JVM, "9.2.8");

        assertThat(JavaLocator.featureOf(JavaLocator.releaseVersion(found).orElseThrow()))
                .isGreaterThanOrEqualTo(21);
        // This machine has Temurin 25; elsewhere any JDK 21+ will do.
        if (Files.isDirectory(Path.of("/usr/lib/jvm/temurin-25-jdk-amd64"))) {
            assertThat(found).isEqualTo(Path.of("/usr/lib/jvm/temurin-25-jdk-amd64"));
        }
    }

    @Test
    void prefersTheNewestOfSeveralJdks() throws IOException {
        fakeJdk("jdk-21", "21.0.4");
        Path newest = fakeJdk("jdk-25", "25.0.1");
        fakeJdk("jdk-17", "17.0.2");

        assertThat(JavaLocator.locate(null, jvmFolder, OLD_CURRENT_JVM, "9.2.8"))
                .isEqualTo(newest.toRealPath());
    }

    @Test
    void onlyAJava17GivesAnActionableError() throws IOException {
        Path java17 = fakeJdk("jdk-17", "17.0.2");

        assertThatThrownBy(() -> JavaLocator.locate(null, jvmFolder, OLD_CURRENT_JVM, "9.2.8"))
                .isInstanceOf(ElasticsearchStartException.class)
                .hasMessageContaining("Elasticsearch 9.2.8 needs Java 21 or newer")
                .hasMessageContaining(java17.toRealPath() + " (Java 17.0.2)")
                .hasMessageContaining("this JVM /opt/old-jdk (Java 17.0.15)")
                .hasMessageContaining("Install a JDK 21 or newer (for example Eclipse Temurin 21 or 25)")
                .hasMessageContaining("set ES_JAVA_HOME");
    }

    @Test
    void anEsJavaHomeThatIsTooOldIsPassedOver() throws IOException {
        Path java17 = fakeJdk("jdk-17", "17.0.2");
        Path java21 = fakeJdk("jdk-21", "21.0.4");

        assertThat(JavaLocator.locate(java17.toString(), jvmFolder, OLD_CURRENT_JVM, "9.2.8"))
                .isEqualTo(java21.toRealPath());
    }

    @Test
    void readsFeatureReleasesOfOldAndNewVersionStrings() {
        assertThat(JavaLocator.featureOf("25.0.1")).isEqualTo(25);
        assertThat(JavaLocator.featureOf("21")).isEqualTo(21);
        assertThat(JavaLocator.featureOf("1.8.0_392")).isEqualTo(8);
        assertThat(JavaLocator.featureOf(null)).isZero();
    }

    private Path fakeJdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(jvmFolder.resolve(name));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }
}
