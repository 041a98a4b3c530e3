package org.regionalexchange.certs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.certs.CertificatePurpose;
import org.regionalexchange.certs.RegionalPki;
import picocli.CommandLine;

/** `certs request`, `sign` and `install` as a member and CARICC's operator run them, each in its own folder. */
class EnrolmentCliTest {

    @TempDir
    Path folder;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    Path ca;
    Path member;
    Path passwordFile;

    @BeforeEach
    void caricc() throws Exception {
        ca = folder.resolve("caricc-pki");
        member = folder.resolve("uz-pki");
        passwordFile = Files.writeString(folder.resolve("uz.pass"), "uz-keystore-password\n");
        assertThat(run("region", "--out", ca.toString(), "--nodes", "CARICC")).isZero();
    }

    @Test
    void requestSignInstallLeavesEachFolderWithItsOwnKeysOnly() throws Exception {
        assertThat(run("request", "--node", "UZ", "--dir", member.toString(), "--password-file",
                passwordFile.toString())).isZero();
        assertThat(out.toString()).contains("making the tls, signing and encryption keys of UZ")
                .contains("UZ-signing.csr.pem");
        openssl("req", "-in", member.resolve("UZ-tls.csr.pem").toString(), "-verify", "-noout");

        Path outbox = folder.resolve("to-uz");
        assertThat(run("sign", "--ca", ca.toString(), "--node", "UZ", "--out", outbox.toString(), "--request",
                member.resolve("UZ-tls.csr.pem").toString(), member.resolve("UZ-signing.csr.pem").toString(),
                member.resolve("UZ-encryption.csr.pem").toString())).isZero();
        assertThat(out.toString()).contains("signed UZ tls: serial").contains("signed UZ encryption: serial");

        assertThat(run("install", "--dir", member.toString(), "--password-file", passwordFile.toString(),
                "--ca-certificate", ca.resolve("ca.crt.pem").toString(), "--crl", ca.resolve("crl.pem").toString(),
                "--certificates", outbox.resolve("UZ-tls.crt.pem").toString(),
                outbox.resolve("UZ-signing.crt.pem").toString(), outbox.resolve("UZ-encryption.crt.pem").toString()))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("installed UZ in");

        // The layout node.pki.dir reads: <NODE>/node.p12, <NODE>/tls.p12, truststore.p12, ca.crt.pem, crl.pem.
        for (String file : List.of("UZ/node.p12", "UZ/tls.p12", "truststore.p12", "ca.crt.pem", "crl.pem",
                "UZ/encryption.crt.pem")) {
            assertThat(member.resolve(file)).isRegularFile();
        }
        openssl("verify", "-CAfile", member.resolve("ca.crt.pem").toString(), "-purpose", "sslclient",
                member.resolve("UZ/tls.crt.pem").toString());
        KeyStore keyring = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(member.resolve("UZ/node.p12"))) {
            keyring.load(in, "uz-keystore-password".toCharArray());
        }
        assertThat(Collections.list(keyring.aliases())).containsExactlyInAnyOrder("tls", "signing", "encryption");

        assertThat(files(member)).noneMatch(file -> file.getFileName().toString().endsWith(".key.pem"))
                .noneMatch(file -> file.toString().contains("CARICC"));
        assertThat(files(ca.resolve("UZ"))).extracting(file -> file.getFileName().toString())
                .containsExactlyInAnyOrder("tls.crt.pem", "signing.crt.pem", "encryption.crt.pem");
        assertThat(files(ca)).filteredOn(file -> file.toString().endsWith(".p12"))
                .noneMatch(file -> file.startsWith(ca.resolve("UZ")));

        assertThat(run("show", "--pki", ca.toString())).isZero();
        assertThat(out.toString()).containsPattern("UZ +signing +serial [0-9a-f]+ valid until .*\\(by request\\)");
        assertThat(run("revoke", "--pki", ca.toString(), "--node", "UZ", "--purpose", "signing")).isZero();
        assertThat(RegionalPki.load(ca).authority().isRevoked(
                RegionalPki.load(ca).certificate("UZ", CertificatePurpose.SIGNING).orElseThrow())).isTrue();
    }

    @Test
    void signRefusesEveryRequestIfOneBreaksPolicyAndNamesItsFileAndRule() throws Exception {
        run("request", "--node", "UZ", "--dir", member.toString(), "--password-file", passwordFile.toString());
        Path tampered = folder.resolve("UZ-signing.csr.pem");
        byte[] der = java.util.Base64.getMimeDecoder().decode(Files.readString(member.resolve("UZ-signing.csr.pem"))
                .replaceAll("-----[A-Z ]+-----", ""));
        der[der.length - 5] ^= 0x01;
        Files.writeString(tampered, "-----BEGIN CERTIFICATE REQUEST-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(der) + "\n-----END CERTIFICATE REQUEST-----\n");

        assertThat(run("sign", "--ca", ca.toString(), "--node", "UZ", "--request",
                member.resolve("UZ-tls.csr.pem").toString(), tampered.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("certs: refused " + tampered + " (proof of possession)")
                .contains("signed nothing (1 of 2 request(s) refused)");
        assertThat(ca.resolve("UZ")).doesNotExist();
        assertThat(member.resolve("UZ-tls.crt.pem")).doesNotExist();

        assertThat(run("sign", "--ca", ca.toString(), "--node", "KZ", "--request",
                member.resolve("UZ-tls.csr.pem").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("(node id): it is for node UZ, not KZ named by --node");
        assertThat(run("sign", "--ca", ca.toString(), "--request", ca.resolve("ca.crt.pem").toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("(a PEM certificate request)");
    }

    @Test
    void thePasswordIsNeverAnArgumentAndAShortOneIsRefused() throws Exception {
        assertThat(run("request", "--node", "UZ", "--dir", member.toString(), "--password", "secret")).isEqualTo(2);
        Path shortPassword = Files.writeString(folder.resolve("short.pass"), "short");
        assertThat(run("request", "--node", "UZ", "--dir", member.toString(), "--password-file",
                shortPassword.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("use at least 12");
        assertThat(member.resolve("UZ")).doesNotExist();
    }

    @Test
    void aRotationKeepsTheReplacedCertificatesValidForTheOverlapAndTheOldEncryptionKey() throws Exception {
        Path outbox = folder.resolve("to-uz");
        assertThat(request()).isZero();
        assertThat(sign(outbox)).isZero();
        assertThat(install(outbox)).as(err.toString()).isZero();
        assertThat(out.toString()).doesNotContain("kept");

        out.getBuffer().setLength(0);
        assertThat(request()).isZero();
        assertThat(out.toString()).contains("this is a key rotation: the node keeps using the installed keys in "
                + member.resolve("UZ/node.p12"));
        assertThat(sign(outbox)).isZero();
        assertThat(out.toString()).containsPattern("replaces serial [0-9a-f]+, which stays valid until \\S+; the "
                + "first CRL published after that \\(certs crl\\) lists it");
        assertThat(install(outbox)).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern("kept +the replaced encryption key \\(serial [0-9a-f]+\\) as "
                + "encryption-previous in").contains("restart the node with node.pki.dir=");
        KeyStore keyring = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(member.resolve("UZ/node.p12"))) {
            keyring.load(in, "uz-keystore-password".toCharArray());
        }
        assertThat(Collections.list(keyring.aliases())).containsExactlyInAnyOrder("tls", "signing", "encryption",
                "encryption-previous");

        assertThat(run("show", "--pki", ca.toString())).isZero();
        assertThat(out.toString()).containsPattern("UZ +encryption +serial [0-9a-f]+ superseded, valid until \\S+, "
                + "then on the next CRL");
        assertThat(run("crl", "--pki", ca.toString())).isZero();
        assertThat(out.toString()).containsPattern("UZ signing serial [0-9a-f]+ superseded, valid until \\S+: "
                + "publish again after then");
        assertThat(Files.readString(ca.resolve("ca/revoked.txt"))).containsPattern("(?m)^superseded [0-9a-f]+ UZ "
                + "encryption [0-9]+$");

        assertThat(request()).isZero();
        assertThat(run("sign", "--ca", ca.toString(), "--node", "UZ", "--overlap", "P7", "--request",
                member.resolve("UZ-tls.csr.pem").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("'P7' is not an ISO-8601 duration: use e.g. P7D");
        assertThat(run("sign", "--ca", ca.toString(), "--node", "UZ", "--overlap", "-P1D", "--request",
                member.resolve("UZ-tls.csr.pem").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("'-P1D' is negative");
        assertThat(sign(outbox, "--overlap", "PT0S")).isZero();
        assertThat(out.toString()).containsPattern("replaces serial [0-9a-f]+, now revoked \\(new CRL ");

        assertThat(run("sign", "--help")).isZero();
        assertThat(out.toString()).contains("--overlap").contains("superseded").contains("PT0S");
    }

    private int request() {
        return run("request", "--node", "UZ", "--dir", member.toString(), "--password-file", passwordFile.toString());
    }

    private int sign(Path outbox, String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("sign", "--ca", ca.toString(), "--node", "UZ", "--out",
                outbox.toString()));
        args.addAll(List.of(options));
        args.addAll(List.of("--request", member.resolve("UZ-tls.csr.pem").toString(),
                member.resolve("UZ-signing.csr.pem").toString(), member.resolve("UZ-encryption.csr.pem").toString()));
        return run(args.toArray(String[]::new));
    }

    private int install(Path outbox) {
        return run("install", "--dir", member.toString(), "--password-file", passwordFile.toString(),
                "--ca-certificate", ca.resolve("ca.crt.pem").toString(), "--crl", ca.resolve("crl.pem").toString(),
                "--certificates", outbox.resolve("UZ-tls.crt.pem").toString(),
                outbox.resolve("UZ-signing.crt.pem").toString(), outbox.resolve("UZ-encryption.crt.pem").toString());
    }

    private int run(String... args) {
        CommandLine commandLine = CertsCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static List<Path> files(Path directory) throws Exception {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).toList();
        }
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
