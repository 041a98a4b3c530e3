package org.regionalexchange.node.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's region built by enrolment: each node's folder ({@code node.pki.dir}) holds its own keys only, under a
 * password of its own; the CA's folder holds certificates, never a node's key; only the hub is pointed at the CA's
 * certificates, the members learn each other's from the directory.
 */
class LocalRegionEnrolmentTest {

    @TempDir
    Path folder;

    @Test
    void everyNodeFolderHoldsItsOwnPrivateKeysAndNoOtherMembers() throws Exception {
        LocalRegion region = LocalRegion.enrolled(folder, DemoCommand.NODES, DemoCommand.NEIGHBOURS);

        Set<String> passwords = new HashSet<>();
        for (String node : DemoCommand.NODES) {
            Path pkiDir = region.pkiDir(node);
            assertThat(pkiDir).isEqualTo(folder.resolve("nodes").resolve(node));
            assertThat(Path.of(region.properties(node).getProperty("node.pki.dir"))).isEqualTo(pkiDir);
            char[] password = password(pkiDir);
            passwords.add(new String(password));

            PrivateKeyScan.Result scan = PrivateKeyScan.scan(pkiDir, node, password);

            assertThat(scan.foreign()).as("private keys in %s that are not %s's", pkiDir, node).isEmpty();
            assertThat(scan.own()).as("%s's own keys in node.p12 and tls.p12", node).isEqualTo(4);
            try (Stream<Path> children = Files.list(pkiDir)) {
                assertThat(children.filter(Files::isDirectory).map(dir -> dir.getFileName().toString()))
                        .as("%s's folder has a subfolder for itself only", node).containsExactly(node);
            }
        }
        assertThat(passwords).as("each node its own password").hasSize(DemoCommand.NODES.size());
    }

    @Test
    void theCaHoldsEveryMembersCertificatesButNoNodeKeyAndOnlyTheHubReadsThem() throws Exception {
        LocalRegion region = LocalRegion.enrolled(folder, List.of("CARICC", "KZ", "KG"), List.of());

        Path ca = folder.resolve("ca");
        assertThat(region.pki().directory()).isEqualTo(ca);
        assertThat(region.caCertificate()).isEqualTo(ca.resolve("ca.crt.pem")).isRegularFile();
        assertThat(region.pki().nodeIds()).isEmpty();
        assertThat(region.pki().enrolledNodeIds()).containsExactlyInAnyOrder("CARICC", "KZ", "KG");
        try (Stream<Path> files = Files.walk(ca)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .noneMatch(name -> name.equals("node.p12") || name.equals("tls.p12") || name.endsWith(".key.pem"));
        }
        Properties hub = region.properties("CARICC");
        assertThat(hub.getProperty("node.pki.certificates-dir")).isEqualTo(ca.toString());
        assertThat(hub.getProperty("node.pki.crl")).isEqualTo(region.pki().crlPem().toString());
        assertThat(region.properties("KZ").getProperty("node.pki.certificates-dir")).isNull();
        assertThat(region.members()).containsExactly("KZ", "KG");
        assertThat(region.isEnrolled()).isTrue();
    }

    @Test
    void theScanFindsOtherMembersKeysInTheSharedFolderOfTheTestRegion() throws Exception {
        LocalRegion region = new LocalRegion(folder, List.of("CARICC", "KZ"), List.of());
        assertThat(region.isEnrolled()).isFalse();

        PrivateKeyScan.Result scan = PrivateKeyScan.scan(region.pkiDir("KZ"), "KZ", region.pki().password());

        assertThat(scan.own()).isPositive();
        assertThat(scan.foreign()).anyMatch(line -> line.contains("a private key of CARICC, not of KZ"))
                .anyMatch(line -> line.contains("ca.p12"));
    }

    private static char[] password(Path pkiDir) throws Exception {
        return Files.readString(pkiDir.resolve(RegionEnrolment.PASSWORD_FILE)).strip().toCharArray();
    }
}
