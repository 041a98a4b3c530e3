package org.regionalexchange.node.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The anchor file: what is written is read back, and a missing or damaged file is told apart. */
class AuditAnchorTest {

    static final AuditAnchor.Head HEAD = new AuditAnchor.Head(1187, "ab".repeat(32),
            Instant.parse("2026-12-02T17:40:01.123456Z"));

    @TempDir
    Path folder;

    @Test
    void readsBackTheHeadItWroteIntoAFolderItCreated() {
        AuditAnchor anchor = new AuditAnchor(folder.resolve("audit/anchor.json"));
        anchor.write(HEAD);

        assertThat(anchor.read()).contains(HEAD);
    }

    @Test
    void replacingTheAnchorLeavesOnlyTheNewOne() throws Exception {
        AuditAnchor anchor = new AuditAnchor(folder.resolve("anchor.json"));
        anchor.write(HEAD);
        AuditAnchor.Head next = new AuditAnchor.Head(1188, "cd".repeat(32), HEAD.recordedAt().plusSeconds(1));
        anchor.write(next);

        assertThat(anchor.read()).contains(next);
        try (var files = Files.list(folder)) {
            assertThat(files).containsExactly(folder.resolve("anchor.json"));
        }
    }

    @Test
    void aMissingFileMeansNothingWasAnchoredYet() {
        assertThat(new AuditAnchor(folder.resolve("audit/anchor.json")).read()).isEmpty();
    }

    @Test
    void aDamagedFileIsAnErrorNamingTheFileAndWhatToDo() throws Exception {
        Path file = Files.writeString(folder.resolve("anchor.json"), "{\"seq\":1187,\"entryHash\":\"ab");

        assertThatThrownBy(() -> new AuditAnchor(file).read()).isInstanceOf(AuditAnchorException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("move it aside");
    }

    @Test
    void anAnchorWithoutAValidHashIsAnError() throws Exception {
        Path file = Files.writeString(folder.resolve("anchor.json"),
                "{\"seq\":1187,\"entryHash\":\"xyz\",\"recordedAt\":\"2026-12-02T17:40:01Z\"}");

        assertThatThrownBy(() -> new AuditAnchor(file).read()).isInstanceOf(AuditAnchorException.class)
                .hasMessageContaining("entryHash must be 64 lower-case hex digits");
    }
}
