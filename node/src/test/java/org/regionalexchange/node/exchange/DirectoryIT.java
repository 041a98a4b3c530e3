package org.regionalexchange.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.certs.CertificatePurpose;
import org.regionalexchange.node.api.ApiClient;
import org.regionalexchange.node.api.Role;
import org.regionalexchange.node.app.demo.LocalRegion;
import org.regionalexchange.node.app.wiring.NodeRuntime;
import org.regionalexchange.node.broker.PeerConnections;
import org.regionalexchange.node.outbox.Submission;

/**
 * The member directory across a region on loopback: CARICC publishes it, every member applies it and shows it on its
 * API; a directory another member signed, or one older than the one in force, is refused with its reason; a
 * revocation CARICC's CA makes reaches every member with the next directory (each member holds only the CRL it was
 * enrolled with), so the revoked member's messages and connections are refused everywhere; a member that was down
 * while versions were published catches up when it is back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DirectoryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NODES = List.of("CARICC", "KZ", "KG", "TJ");

    @TempDir
    static Path folder;

    static LocalRegion region;

    @BeforeAll
    static void startRegion() throws Exception {
        region = new LocalRegion(folder, NODES, List.of());
        for (String member : List.of("KZ", "KG", "TJ")) {
            // The CRL as it was when the member enrolled: any later revocation must come through the directory.
            Path crl = Files.createDirectories(folder.resolve("crl-" + member)).resolve("crl.pem");
            Files.copy(region.pki().crlPem(), crl);
            region.set(member, "node.pki.crl", crl.toString());
        }
        region.set("CARICC", "node.directory.check-every", "PT1S");
        NODES.forEach(region::start);
    }

    @AfterAll
    static void stopRegion() {
        if (region != null) {
            region.close();
        }
    }

    @Test
    @Order(1)
    void everyMemberAppliesTheHubsFirstDirectoryAndShowsIt() throws Exception {
        for (String member : List.of("KZ", "KG", "TJ")) {
            awaitVersion(member, 1);
        }
        JsonNode shown = JSON.readTree(region.client("KZ", Role.AUDITOR).get("api/v1/directory").body());
        assertThat(shown.path("version").asLong()).isEqualTo(1);
        assertThat(shown.path("hub").asText()).isEqualTo("CARICC");
        assertThat(shown.path("stale").asBoolean()).isFalse();
        assertThat(shown.path("members")).extracting(m -> m.path("node").asText())
                .containsExactlyElementsOf(NODES);
        assertThat(shown.path("members").get(0).path("port").asInt()).isEqualTo(region.peerPort("CARICC"));
        assertThat(shown.path("members").get(2).path("certificates")).hasSize(3);

        ApiClient.Response onAMember = region.client("KZ", Role.ADMIN).post("api/v1/directory/publish", "{}");
        assertThat(onAMember.status()).as(onAMember.body()).isEqualTo(409);
        assertThat(onAMember.body()).contains("KZ is not the hub");
    }

    @Test
    @Order(2)
    void aDirectorySignedByAnotherMemberIsRefusedAsUntrusted() throws Exception {
        ObjectNode forged = current("KZ").deepCopy();
        forged.put("version", 99).put("hub", "KZ");

        String id = region.node("KZ").submit(directoryTo("KG", forged));

        JsonNode entry = QuarantineProbe.awaitEntry(region, "KG", id, "UNTRUSTED_SIGNER", "CARICC",
                Duration.ofSeconds(30));
        assertThat(entry.path("detail").asText()).contains("published by the hub CARICC only; this one is signed"
                + " by KZ");
        assertThat(version("KG")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void aDirectoryOlderThanTheOneInForceIsRefusedAsAReplay() throws Exception {
        ObjectNode first = current("CARICC").deepCopy();
        region.client("CARICC", Role.ADMIN).post("api/v1/directory/publish", "{}");
        awaitVersion("KZ", 2);

        String id = region.node("CARICC").submit(directoryTo("KZ", first));

        JsonNode entry = QuarantineProbe.awaitEntry(region, "KZ", id, "REPLAY", "CARICC", Duration.ofSeconds(30));
        assertThat(entry.path("detail").asText()).contains("version 1 is not newer than version 2 in force");
        assertThat(version("KZ")).isEqualTo(2);
    }

    @Test
    @Order(4)
    void aRevocationReachesEveryMemberWithTheNextDirectory() throws Exception {
        long before = version("CARICC");
        region.pki().revoke("KG", CertificatePurpose.SIGNING);

        for (String member : List.of("KZ", "TJ")) {
            awaitVersion(member, before + 1);
            JsonNode kg = JSON.readTree(region.client(member, Role.AUDITOR).get("api/v1/directory").body())
                    .path("members").get(2);
            assertThat(kg.path("inRegion").asBoolean()).as(member + " still counts KG in REGIONAL").isFalse();
            assertThat(kg.path("certificates").get(1).path("revoked").asBoolean()).isTrue();
        }
        String notice = region.node("KG").submit(Documents.seizureNotice(List.of("KZ")));
        QuarantineProbe.awaitEntry(region, "KZ", notice, "CERT_REVOKED", "CARICC", Duration.ofSeconds(30));

        region.pki().revoke("KG", CertificatePurpose.TLS);
        awaitVersion("KZ", before + 2);
        Path kgTls = region.pki().directory().resolve("KG").resolve("tls.p12");
        assertThatThrownBy(() -> {
            try (Connection connection = PeerConnections.peer("127.0.0.1", region.peerPort("CARICC"), kgTls,
                    region.pki().truststore(), Files.readString(region.pki().directory().resolve("keystore.pass")).strip()
                            .toCharArray()).createConnection()) {
                connection.start();
            }
        }).as("KG's revoked TLS certificate opens no connection to the hub").isInstanceOf(Exception.class);
    }

    @Test
    @Order(5)
    void aMemberThatWasDownCatchesUpWhenItIsBack() throws Exception {
        long before = version("CARICC");
        region.stop("TJ");
        ApiClient admin = region.client("CARICC", Role.ADMIN);
        assertThat(admin.post("api/v1/directory/publish", "{}").status()).isEqualTo(200);
        assertThat(admin.post("api/v1/directory/publish", "{}").status()).isEqualTo(200);
        assertThat(version("CARICC")).isEqualTo(before + 2);

        NodeRuntime back = region.start("TJ");
        assertThat(back.services().directory().version()).as("kept across the restart").isEqualTo(before);
        awaitVersion("TJ", before + 2);
    }

    private static Submission directoryTo(String recipient, ObjectNode document) {
        return new Submission("member-directory", List.of(recipient), "GREEN", document, List.of(), null, "en",
                "actual");
    }

    private static ObjectNode current(String node) {
        return region.node(node).services().directory().current().orElseThrow().toJson();
    }

    private static long version(String node) {
        return region.node(node).services().directory().version();
    }

    private static void awaitVersion(String node, long version) {
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                assertThat(version(node)).as(node + "'s directory version").isEqualTo(version));
    }
}
