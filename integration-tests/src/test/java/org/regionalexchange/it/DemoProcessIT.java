package org.regionalexchange.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command: the regional demo from the executable jar, in its own process. The demo builds its region
 * by enrolment, so each node's PKI folder must hold that node's private keys and no other member's.
 */
class DemoProcessIT {

    @TempDir
    Path work;

    @Test
    void regionalDemoRunsFromTheJarAndEveryNoticeIsAcknowledged() throws Exception {
        Jars.Result demo = Jars.run(Jars.NODE, 240, work, "demo", "--dir", work.resolve("region").toString(),
                "--timeout", "PT120S");

        assertThat(demo.exitCode()).as(demo.output()).isZero();
        assertThat(demo.output())
                .contains("member directory version 1 applied by KZ, KG, TJ, TM, UZ\n")
                .contains("demo finished: every recipient acknowledged every notice")
                .contains("KG quarantine: 1 message(s); DECRYPT_FAILED from peer TJ")
                // CARICC's control-gap report from KZ's Resolution 22 and the illustrative baselines of KG and UZ.
                .contains("substance,KZ,KG,TJ,TM,UZ,notControlledBy")
                .contains("metonitazene,I since 2024-02-06,I since 2023-09-01,-,-,I since 2023-11-15,TM TJ")
                .contains("clonazolam,III since 2024-02-06,-,-,-,-,KG TM UZ TJ")
                // KZ's seizure of a substance new to the region, then the alert's update and cancel as KG sees them.
                .containsPattern("CARICC early-warning +-> REGIONAL +\\S+ +\\(first sighting: metonitazene in KZ's"
                        + " notice ")
                .contains("KG active alerts after the first-sighting alert: 1\n")
                .contains("\"First sighting in the region: metonitazene\", severity Unknown, version 1 (alert ")
                .contains("KG active alerts after the update: 1\n")
                .contains("severity Severe, version 2 (update ")
                .contains("KG active alerts after the cancel: 0\n")
                // TM's Farap-Alat warning on the Alat unit's own queue, and the unit's outcome back at TM.
                .contains("UZ registered customs unit UZ-ALAT (POST /api/v1/units): queue local.unit.UZ-ALAT")
                .containsPattern("UZ-ALAT took warning \\S+ from TM; UZ signed its outcome report \\S+ -> TM")
                .containsPattern("outcome from UZ-ALAT \\(UZ\\): nothingFound, report \\S+")
                .doesNotContain("(expected ")
                .doesNotContain("\"intact\":false");
        for (String node : List.of("CARICC", "KZ", "KG", "TJ", "TM", "UZ")) {
            assertHoldsOnlyItsOwnKeys(work.resolve("region").resolve("nodes").resolve(node), node);
        }
    }

    /**
     * A node's folder: no PEM private key, and every key entry of every keystore (opened with the node's own password)
     * certified for that node, by the SAN URI urn:regional-exchange:node:NODE.
     */
    private static void assertHoldsOnlyItsOwnKeys(Path pkiDir, String node) throws Exception {
        char[] password = Files.readString(pkiDir.resolve("keystore.pass")).strip().toCharArray();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(pkiDir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).as("PEM private keys in %s", pkiDir)
                .noneMatch(file -> file.getFileName().toString().endsWith(".key.pem"));
        List<Path> keystores = files.stream().filter(file -> file.getFileName().toString().endsWith(".p12")).toList();
        assertThat(keystores).as("keystores in %s", pkiDir).isNotEmpty();
        int keys = 0;
        for (Path file : keystores) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, password);
            }
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keys++;
                    X509Certificate certificate = (X509Certificate) store.getCertificate(alias);
                    assertThat(certificate.getSubjectAlternativeNames()).as("%s entry %s", file, alias)
                            .anyMatch(name -> name.get(1).equals("urn:regional-exchange:node:" + node));
                    assertThat(certifies(certificate, (PrivateKey) store.getKey(alias, password)))
                            .as("%s entry %s: its certificate is of its key", file, alias).isTrue();
                }
            }
        }
        assertThat(keys).as("%s's own keys in node.p12 and tls.p12", node).isEqualTo(4);
    }

    /** Whether the certificate's public key verifies what the private key signs. */
    private static boolean certifies(X509Certificate certificate, PrivateKey key) throws Exception {
        byte[] challenge = "whose key is this".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(challenge);
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(challenge);
        return verifier.verify(signer.sign());
    }
}
