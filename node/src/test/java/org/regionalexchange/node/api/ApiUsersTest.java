package org.regionalexchange.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiUsersTest {

    @TempDir
    Path folder;

    @Test
    void aUserSignsInWithItsPasswordOnlyAndTheFileKeepsNoPassword() throws Exception {
        ApiUsers users = new ApiUsers(folder.resolve("api-users"));
        char[] password = users.add("focal", Set.of(Role.FOCAL_POINT), Set.of());

        assertThat(users.authenticate("focal", password)).map(ApiUser::roles).contains(Set.of(Role.FOCAL_POINT));
        assertThat(users.authenticate("focal", password)).isPresent();
        assertThat(users.authenticate("focal", "wrong-password-entirely".toCharArray())).isEmpty();
        assertThat(users.authenticate("nobody", password)).isEmpty();
        String file = Files.readString(folder.resolve("api-users"));
        assertThat(file).contains("focal:focal-point::pbkdf2-sha256$210000$").doesNotContain(new String(password));
    }

    @Test
    void changesToTheFileByAnotherProcessAreSeenAtTheNextRequest() throws Exception {
        Path file = folder.resolve("api-users");
        ApiUsers running = new ApiUsers(file);
        char[] password = new ApiUsers(file).add("late", Set.of(Role.ANALYST), Set.of());
        assertThat(running.authenticate("late", password)).isPresent();

        new ApiUsers(file).remove("late");
        assertThat(running.authenticate("late", password)).isEmpty();
    }

    @Test
    void refusesMalformedUsersWithTheReason() {
        ApiUsers users = new ApiUsers(folder.resolve("api-users"));
        assertThatThrownBy(() -> users.add("Bad Name", Set.of(Role.ADMIN), Set.of()))
                .hasMessageContaining("lower case");
        assertThatThrownBy(() -> users.add("unit", Set.of(Role.CUSTOMS_UNIT), Set.of()))
                .hasMessageContaining("crossing points");
        assertThatThrownBy(() -> users.add("focal", Set.of(Role.FOCAL_POINT), Set.of("UZ-ALAT")))
                .hasMessageContaining("only a customs-unit");
        assertThatThrownBy(() -> users.add("short", Set.of(Role.ADMIN), Set.of(), "short".toCharArray()))
                .hasMessageContaining("12 characters");
        assertThatThrownBy(() -> Role.fromId("boss")).hasMessageContaining("focal-point, analyst");
    }

    @Test
    void aCorruptLineNamesTheFileAndLine() throws Exception {
        Path file = Files.writeString(folder.resolve("api-users"), "# users\nfocal:focal-point\n");
        assertThatThrownBy(() -> new ApiUsers(file)).hasMessageContaining("line 2")
                .hasMessageContaining("node users add");
    }
}
