package org.regionalexchange.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.certs.CertificatePurpose;
import org.regionalexchange.certs.MemberFolder;
import org.regionalexchange.certs.RequestPolicy;
import org.regionalexchange.node.api.ApiClient;
import org.regionalexchange.node.api.Role;
import org.regionalexchange.node.app.demo.LocalRegion;
import org.regionalexchange.node.app.wiring.NodeRuntime;
import org.regionalexchange.node.app.wiring.SettingsReader;
import org.regionalexchange.node.trust.NodeIdentity;

/**
 * A member joins and rotates its keys without a file copied to anyone. UZ makes its keys in a folder of its own
 * (no other node's private key there), CARICC's CA signs its requests, and UZ starts knowing only the hub's address
 * and the regional root. One directory update on CARICC's API (UZ's certificates and endpoint) links the hub to UZ and
 * tells every member: KZ and UZ then exchange both ways. UZ then rotates its keys with an overlap: a notice sealed for
 * its old encryption key while it was down and one sealed for its new key after the next directory both open when it
 * is back on its new keys.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MembershipIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final char[] PASSWORD = "uz-keystore-password".toCharArray();

    @TempDir
    static Path folder;

    static LocalRegion region;
    static Path uzPki;
    static Properties uz;
    static NodeRuntime uzbekistan;

    @BeforeAll
    static void startRegionAndEnrolUz() throws Exception {
        region = new LocalRegion(folder, List.of("CARICC", "KZ"), List.of());
        region.start("CARICC");
        region.start("KZ");
        await().atMost(Duration.ofSeconds(30)).until(() -> region.node("KZ").services().directory().version() == 1);

        uzPki = folder.resolve("uz-pki");
        enrol(Duration.ZERO);
        Path passwordFile = Files.writeString(folder.resolve("uz.pass"), new String(PASSWORD));
        uz = new Properties();
        uz.setProperty("node.id", "UZ");
        uz.setProperty("node.data-dir", folder.resolve("data/UZ").toString());
        uz.setProperty("node.broker.peer-port", Integer.toString(LocalRegion.freeLoopbackPort()));
        uz.setProperty("node.http.port", Integer.toString(LocalRegion.freeLoopbackPort()));
        uz.setProperty("node.http.users-file", region.usersFile().toString());
        uz.setProperty("node.pki.dir", uzPki.toString());
        uz.setProperty("node.pki.password-file", passwordFile.toString());
        uz.setProperty("node.peers", "CARICC");
        uz.setProperty("node.peer.caricc.url", "tcp://127.0.0.1:" + region.peerPort("CARICC"));
        uzbekistan = startUz();
    }

    @AfterAll
    static void stop() {
        if (uzbekistan != null) {
            uzbekistan.close();
        }
        if (region != null) {
            region.close();
        }
    }

    @Test
    @Order(1)
    void theMembersFolderHoldsNoOtherNodesPrivateKey() throws Exception {
        List<Path> keystores;
        try (var files = Files.walk(uzPki)) {
            keystores = files.filter(file -> file.toString().endsWith(".p12")).toList();
        }
        assertThat(keystores).isNotEmpty();
        for (Path keystore : keystores) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(keystore)) {
                store.load(in, PASSWORD);
            }
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    assertThat(NodeIdentity.of((java.security.cert.X509Certificate) store.getCertificate(alias)))
                            .as(keystore + " " + alias).contains("UZ");
                }
            }
        }
        try (var files = Files.walk(uzPki)) {
            assertThat(files.filter(file -> file.toString().endsWith(".key.pem")).toList()).isEmpty();
        }
    }

    @Test
    @Order(2)
    void oneDirectoryUpdateOnTheHubLetsTheNewMemberExchangeWithEveryMember() throws Exception {
        assertThat(uzbekistan.services().directory().version()).as("UZ knows nothing before it joins").isZero();

        ApiClient.Response joined = region.client("CARICC", Role.ADMIN).put("api/v1/directory/members/UZ",
                memberEntry().toString());
        assertThat(joined.status()).as(joined.body()).isEqualTo(200);
        assertThat(JSON.readTree(joined.body()).path("version").asLong()).isEqualTo(2);

        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            assertThat(uzbekistan.services().directory().version()).isEqualTo(2);
            assertThat(region.node("KZ").services().directory().version()).isEqualTo(2);
        });
        assertThat(uzbekistan.services().directory().region()).containsExactly("CARICC", "KZ", "UZ");

        awaitDelivered(region.node("KZ"), region.node("KZ").submit(Documents.seizureNotice(List.of("UZ"))));
        awaitDelivered(uzbekistan, uzbekistan.submit(Documents.seizureNotice(List.of("KZ"))));
        awaitDelivered(uzbekistan, uzbekistan.submit(Documents.seizureNotice(List.of("REGIONAL"))));

        // CARICC's control-gap report counts the new member among those that control nothing yet.
        ApiClient.Response gaps = region.client("CARICC", Role.ANALYST).get("api/v1/picture/control-gaps?format=csv"
                + "&missingFor=UZ");
        assertThat(gaps.status()).as(gaps.body()).isEqualTo(200);
        assertThat(gaps.body().lines().findFirst()).contains("substance,KZ,UZ,notControlledBy");
    }

    @Test
    @Order(3)
    void aRotationWithAnOverlapOpensMessagesSealedForTheOldAndTheNewKey() throws Exception {
        NodeRuntime kazakhstan = region.node("KZ");
        uzbekistan.close();
        uzbekistan = null;
        String forOldKey = kazakhstan.submit(Documents.seizureNotice(List.of("UZ")));

        enrol(Duration.ofDays(7));
        ApiClient.Response rotated = region.client("CARICC", Role.ADMIN).put("api/v1/directory/members/UZ",
                memberEntry().toString());
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        long version = JSON.readTree(rotated.body()).path("version").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> kazakhstan.services().directory().version() >= version);
        assertThat(kazakhstan.services().directory().encryptionCertificate("UZ")).get()
                .isEqualTo(region.pki().certificate("UZ", CertificatePurpose.ENCRYPTION).orElseThrow());
        String forNewKey = kazakhstan.submit(Documents.seizureNotice(List.of("UZ")));

        uzbekistan = startUz();
        awaitDelivered(kazakhstan, forOldKey);
        awaitDelivered(kazakhstan, forNewKey);
        String inbox = uzbekistan.services().api().inbox("seizure-notice", null, null, "50");
        assertThat(inbox).contains(forOldKey, forNewKey);
    }

    /** UZ's own requests, signed by CARICC's CA (with the given overlap for what they replace), installed by UZ. */
    private static void enrol(Duration overlap) throws Exception {
        MemberFolder member = MemberFolder.at(uzPki);
        MemberFolder.Requested requested = member.request("UZ", PASSWORD, false);
        List<Path> certificates = new ArrayList<>();
        for (Path request : requested.requests().values()) {
            var signed = region.pki().sign(RequestPolicy.check(RequestPolicy.read(request), request.toString(),
                    Optional.of("UZ")), overlap);
            Path certificate = folder.resolve("to-uz").resolve(request.getFileName().toString()
                    .replace(".csr.pem", ".crt.pem"));
            Files.createDirectories(certificate.getParent());
            signed.writeTo(certificate);
            certificates.add(certificate);
        }
        member.install(PASSWORD, certificates, region.caCertificate(), Optional.of(region.pki().crlPem()));
    }

    /** What CARICC's operator puts in the directory for UZ: its certificates as the CA issued them, its endpoint. */
    private static ObjectNode memberEntry() throws Exception {
        ObjectNode entry = JSON.createObjectNode();
        ObjectNode certificates = entry.putObject("certificates");
        for (CertificatePurpose purpose : CertificatePurpose.values()) {
            certificates.put(purpose.alias(), Files.readString(region.pki().directory().resolve("UZ")
                    .resolve(purpose.alias() + ".crt.pem")));
        }
        entry.putObject("endpoint").put("host", "127.0.0.1")
                .put("port", Integer.parseInt(uz.getProperty("node.broker.peer-port")));
        entry.put("name", "Uzbekistan focal point").put("organisation", "UZ");
        return entry;
    }

    private static NodeRuntime startUz() {
        return NodeRuntime.start(new SettingsReader(uz, name -> null).read(), Clock.systemUTC());
    }

    private static void awaitDelivered(NodeRuntime sender, String messageId) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(sender.services().api().status(messageId)).contains("\"status\":\"delivered\""));
    }
}
