package org.regionalexchange.node.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.node.exchange.Documents;

/**
 * A small region built as the demo builds it, by enrolment: CARICC, KZ and KG each with only its own keys. The members
 * know each other's certificates only from CARICC's first member directory; once they have applied it, KZ's notice
 * to KG over their direct link is delivered, and no node's folder has gained another member's key.
 */
class EnrolledRegionIT {

    private static final List<String> NODES = List.of("CARICC", "KZ", "KG");

    @TempDir
    static Path folder;

    static LocalRegion region;

    @BeforeAll
    static void startRegion() {
        region = LocalRegion.enrolled(folder, NODES, List.of(List.of("KZ", "KG")));
        NODES.forEach(region::start);
    }

    @AfterAll
    static void stopRegion() {
        if (region != null) {
            region.close();
        }
    }

    @Test
    void membersApplyTheHubsDirectoryThenExchangeANoticeWithTheirOwnKeysOnly() throws Exception {
        assertThat(region.node("KZ").settings().pki().certificatesDir().resolve("KG"))
                .as("KZ has KG's certificates from no file: only from the directory").doesNotExist();

        assertThat(region.awaitDirectory(1, region.members(), Duration.ofSeconds(60))).isGreaterThanOrEqualTo(1);

        String messageId = region.node("KZ").submit(Documents.seizureNotice(List.of("KG")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(region.node("KZ").services().api()
                .status(messageId)).contains("\"status\":\"delivered\""));
        assertThat(region.node("KG").services().api().inbox("seizure-notice", null, null, "10")).contains(messageId);
        for (String node : NODES) {
            Path pkiDir = region.pkiDir(node);
            char[] password = Files.readString(pkiDir.resolve(RegionEnrolment.PASSWORD_FILE)).strip().toCharArray();
            assertThat(PrivateKeyScan.scan(pkiDir, node, password).foreign()).as("keys in %s", pkiDir).isEmpty();
        }
    }

    @Test
    void waitingForADirectoryVersionNotPublishedNamesTheMembersAndWhatToCheck() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> region.awaitDirectory(99, List.of("KZ"),
                Duration.ofMillis(300))).isInstanceOf(DirectoryNotAppliedException.class)
                .hasMessageContaining("member directory version 99 not applied within PT0.3S by {KZ=")
                .hasMessageContaining("links to the hub");
    }
}
