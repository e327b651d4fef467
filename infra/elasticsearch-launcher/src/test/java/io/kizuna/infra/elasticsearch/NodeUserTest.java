package io.kizuna.infra.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;

class NodeUserTest {

    @Test
    void homeUnderTmpIsKept() {
        assertThat(NodeUser.current().effectiveHome(Path.of("/tmp/kizuna-a/b"))).isEqualTo(Path.of("/tmp/kizuna-a/b"));
    }

    @Test
    void asRootAHomeTheServiceUserCannotReachMovesToVarLib() throws Exception {
        Path rootHome = Path.of("/root");
        assumeTrue(NodeUser.current().isRoot(), "only meaningful when the build runs as root");
        assumeTrue(Files.isDirectory(rootHome)
                && !Files.getPosixFilePermissions(rootHome).contains(PosixFilePermission.OTHERS_EXECUTE));

        Path home = NodeUser.current().effectiveHome(rootHome.resolve(".kizuna/elasticsearch"));

        assertThat(home.getParent()).isEqualTo(NodeUser.ROOT_FALLBACK_FOLDER);
        assertThat(NodeUser.current().effectiveHome(rootHome.resolve(".kizuna/elasticsearch")))
                .as("the same request always maps to the same folder")
                .isEqualTo(home);
    }
}
