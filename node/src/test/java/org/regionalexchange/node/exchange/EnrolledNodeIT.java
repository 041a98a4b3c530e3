package org.regionalexchange.node.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.certs.CertificatePurpose;
import org.regionalexchange.certs.MemberFolder;
import org.regionalexchange.certs.RequestPolicy;
import org.regionalexchange.node.app.Documents;
import org.regionalexchange.node.app.LocalRegion;
import org.regionalexchange.node.app.NodeRuntime;
import org.regionalexchange.node.app.SettingsReader;
import org.regionalexchange.node.outbox.LinkState;

/**
 * UZ joins by request: it makes its keys in a folder of its own, CARICC's CA signs the requests, UZ installs the
 * certificates and starts on that folder, which holds no other node's private key. KZ's notice for UZ goes through
 * CARICC and is delivered: the enrolled TLS, signing and encryption keys all work.
 */
class EnrolledNodeIT {

    private static final char[] PASSWORD = "uz-keystore-password".toCharArray();

    @TempDir
    static Path folder;

    static LocalRegion region;
    static NodeRuntime uzbekistan;

    @BeforeAll
    static void startRegionAndEnrolUz() throws Exception {
        region = new LocalRegion(folder, List.of("CARICC", "KZ"), List.of());
        Path uzPki = folder.resolve("uz-pki");
        MemberFolder member = MemberFolder.at(uzPki);
        MemberFolder.Requested requested = member.request("UZ", PASSWORD, false);
        List<Path> certificates = new ArrayList<>();
        for (Path request : requested.requests().values()) {
            var signed = region.pki().sign(RequestPolicy.check(RequestPolicy.read(request), request.toString(),
                    Optional.of("UZ")));
            Path certificate = folder.resolve(request.getFileName().toString().replace(".csr.pem", ".crt.pem"));
            signed.writeTo(certificate);
            certificates.add(certificate);
        }
        member.install(PASSWORD, certificates, region.caCertificate(), Optional.of(region.pki().crlPem()));
        for (String other : List.of("CARICC", "KZ")) {
            // Other members' public encryption certificates, as CARICC's folder holds them.
            Path target = Files.createDirectories(uzPki.resolve(other)).resolve("encryption.crt.pem");
            Files.copy(region.pki().directory().resolve(other).resolve("encryption.crt.pem"), target);
        }
        Path passwordFile = Files.writeString(folder.resolve("uz.pass"), new String(PASSWORD));

        int uzPort = LocalRegion.freeLoopbackPort();
        for (String node : List.of("CARICC", "KZ")) {
            region.set(node, "node.region", "CARICC,KZ,UZ");
        }
        region.set("CARICC", "node.peers", "KZ,UZ");
        region.set("CARICC", "node.peer.uz.url", "tcp://127.0.0.1:" + uzPort);
        region.start("CARICC");
        region.start("KZ");

        Properties uz = new Properties();
        uz.setProperty("node.id", "UZ");
        uz.setProperty("node.data-dir", folder.resolve("data/UZ").toString());
        uz.setProperty("node.region", "CARICC,KZ,UZ");
        uz.setProperty("node.broker.peer-port", Integer.toString(uzPort));
        uz.setProperty("node.http.port", Integer.toString(LocalRegion.freeLoopbackPort()));
        uz.setProperty("node.http.users-file", region.usersFile().toString());
        uz.setProperty("node.pki.dir", uzPki.toString());
        uz.setProperty("node.pki.password-file", passwordFile.toString());
        uz.setProperty("node.peers", "CARICC");
        uz.setProperty("node.peer.caricc.url", "tcp://127.0.0.1:" + region.peerPort("CARICC"));
        uzbekistan = NodeRuntime.start(new SettingsReader(uz, name -> null).read(), Clock.systemUTC());
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
    void theEnrolledNodeLinksToTheHubAndReceivesAndReceiptsAMemberNotice() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> uzbekistan.services().hops().state("CARICC") == LinkState.UP);
        NodeRuntime kazakhstan = region.node("KZ");
        String messageId = kazakhstan.submit(Documents.seizureNotice(List.of("UZ")));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(kazakhstan.services().api().status(messageId)).contains("\"status\":\"delivered\""));
        assertThat(uzbekistan.services().api().inbox("seizure-notice", null, null, "10")).contains(messageId);
        assertThat(region.pki().enrolledNodeIds()).containsExactly("UZ");
        assertThat(region.pki().certificate("UZ", CertificatePurpose.TLS)).isPresent();
    }
}
