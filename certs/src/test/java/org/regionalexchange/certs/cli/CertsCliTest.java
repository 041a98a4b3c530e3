package org.regionalexchange.certs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.certs.CertificatePurpose;
import org.regionalexchange.certs.RegionalPki;
import picocli.CommandLine;

class CertsCliTest {

    @TempDir
    Path folder;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @Test
    void regionCommandWritesAPkiThatOpensslAccepts() throws Exception {
        Path pki = folder.resolve("pki");
        assertThat(run("region", "--out", pki.toString(), "--nodes", "CARICC,KZ,KG")).isZero();

        assertThat(out.toString()).contains("regional PKI written to").contains("node KG");
        assertThat(RegionalPki.load(pki).nodeIds()).containsExactlyInAnyOrder("CARICC", "KZ", "KG");
        openssl("verify", "-CAfile", pki.resolve("ca.crt.pem").toString(), "-purpose", "sslserver",
                pki.resolve("KZ/tls.crt.pem").toString());
        openssl("verify", "-CAfile", pki.resolve("ca.crt.pem").toString(), "-purpose", "sslclient",
                pki.resolve("KG/tls.crt.pem").toString());
        openssl("crl", "-in", pki.resolve("crl.pem").toString(), "-CAfile", pki.resolve("ca.crt.pem").toString(),
                "-noout");
    }

    @Test
    void revokeAndIssueWorkOnAnExistingPkiFromASeparateInvocation() throws Exception {
        Path pki = folder.resolve("pki");
        run("region", "--out", pki.toString(), "--nodes", "CARICC,KZ");
        assertThat(run("issue", "--pki", pki.toString(), "--node", "AZ")).isZero();
        assertThat(run("revoke", "--pki", pki.toString(), "--node", "KZ", "--purpose", "signing")).isZero();

        RegionalPki reloaded = RegionalPki.load(pki);
        assertThat(reloaded.nodeIds()).contains("AZ");
        assertThat(reloaded.authority().isRevoked(reloaded.node("KZ").credential(CertificatePurpose.SIGNING)
                .certificate())).isTrue();
        assertThat(run("show", "--pki", pki.toString())).isZero();
        assertThat(out.toString()).contains("REVOKED").contains("AZ");
        openssl("crl", "-in", pki.resolve("crl.pem").toString(), "-CAfile", pki.resolve("ca.crt.pem").toString(),
                "-noout");
    }

    @Test
    void missingPkiFolderFailsWithOneLineSayingWhatToRun() {
        assertThat(run("show", "--pki", folder.resolve("none").toString())).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("certs: no PKI in").contains("certs region --out")
                .doesNotContain("\n");
    }

    @Test
    void unknownPurposeAndUnknownNodeAreNamed() {
        Path pki = folder.resolve("pki");
        run("region", "--out", pki.toString(), "--nodes", "KZ");
        assertThat(run("revoke", "--pki", pki.toString(), "--node", "KZ", "--purpose", "email")).isEqualTo(1);
        assertThat(err.toString()).contains("unknown purpose 'email'");
        assertThat(run("revoke", "--pki", pki.toString(), "--node", "TM", "--purpose", "tls")).isEqualTo(1);
        assertThat(err.toString()).contains("no node TM");
    }

    @Test
    void regionRefusesAFolderThatHoldsARegionAndKeepsItsFilesUnlessForced() throws Exception {
        Path pki = folder.resolve("pki");
        assertThat(run("region", "--out", pki.toString(), "--nodes", "CARICC,KZ")).isZero();
        byte[] ca = Files.readAllBytes(pki.resolve("ca/ca.p12"));
        byte[] kz = Files.readAllBytes(pki.resolve("KZ/node.p12"));

        assertThat(run("region", "--out", pki.toString(), "--nodes", "CARICC,KG")).isEqualTo(1);
        assertThat(err.toString().strip()).doesNotContain("\n")
                .startsWith("certs: " + pki + " already holds a region (ca/ca.p12, ca/revoked.txt, ca.crt.pem and")
                .endsWith("pass --force to replace them, or choose another --out folder");
        assertThat(Files.readAllBytes(pki.resolve("ca/ca.p12"))).isEqualTo(ca);
        assertThat(Files.readAllBytes(pki.resolve("KZ/node.p12"))).isEqualTo(kz);
        assertThat(pki.resolve("KG")).doesNotExist();

        assertThat(run("region", "--out", pki.toString(), "--nodes", "CARICC,KG", "--force")).isZero();
        assertThat(Files.readAllBytes(pki.resolve("ca/ca.p12"))).isNotEqualTo(ca);
        assertThat(pki.resolve("KZ/node.p12")).doesNotExist();
        assertThat(RegionalPki.load(pki).nodeIds()).containsExactlyInAnyOrder("CARICC", "KG");
    }

    @Test
    void regionRefusesAFolderWithANodesKeysEvenWithoutACa() throws Exception {
        Path pki = Files.createDirectories(folder.resolve("pki/KZ"));
        Files.writeString(pki.resolve("signing.key.pem"), "old key");
        assertThat(run("region", "--out", folder.resolve("pki").toString(), "--nodes", "KZ")).isEqualTo(1);
        assertThat(err.toString()).contains("already holds a region (KZ/signing.key.pem)")
                .contains("pass --force to replace it");
        assertThat(Files.readString(pki.resolve("signing.key.pem"))).isEqualTo("old key");
    }

    @Test
    void issueRefusesANodeThatHasKeysUnlessForced() throws Exception {
        Path pki = folder.resolve("pki");
        run("region", "--out", pki.toString(), "--nodes", "CARICC,KZ");
        byte[] keystore = Files.readAllBytes(pki.resolve("KZ/node.p12"));
        byte[] signingKey = Files.readAllBytes(pki.resolve("KZ/signing.key.pem"));

        assertThat(run("issue", "--pki", pki.toString(), "--node", "KZ")).isEqualTo(1);
        assertThat(err.toString().strip()).doesNotContain("\n")
                .startsWith("certs: KZ already has keys in " + pki.resolve("KZ") + " (node.p12, tls.p12,")
                .endsWith("pass --force to replace them, or choose another --node");
        assertThat(Files.readAllBytes(pki.resolve("KZ/node.p12"))).isEqualTo(keystore);
        assertThat(Files.readAllBytes(pki.resolve("KZ/signing.key.pem"))).isEqualTo(signingKey);

        assertThat(run("issue", "--pki", pki.toString(), "--node", "KZ", "--force")).isZero();
        assertThat(Files.readAllBytes(pki.resolve("KZ/signing.key.pem"))).isNotEqualTo(signingKey);
        assertThat(RegionalPki.load(pki).node("KZ").keystore()).exists();
    }

    private int run(String... args) {
        CommandLine commandLine = CertsCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static void openssl(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    }
}
