package org.regionalexchange.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline commands from README, each in its own process: build a PKI with the certs jar, seal a document as KZ,
 * open it as KG, and see a revoked signer rejected.
 */
class OperatorCommandsIT {

    @TempDir
    Path work;

    @Test
    void pkiSealOpenAndRevocationWorkFromTheCommandLine() throws Exception {
        Path pki = work.resolve("pki");
        Jars.Result region = Jars.run(Jars.CERTS, 60, work, "region", "--out", pki.toString());
        assertThat(region.exitCode()).as(region.output()).isZero();

        Path document = Path.of("..", "schemas", "examples", "valid", "list-entry", "1-0-0", "kz-resolution-22-2024.json")
                .toAbsolutePath();
        Path sealed = work.resolve("sealed.json");
        Jars.Result seal = Jars.run(Jars.NODE, 60, work, "seal", "--keystore", pki.resolve("KZ/node.p12").toString(),
                "--password-file", pki.resolve("keystore.pass").toString(), "--certs-dir", pki.toString(),
                "--kind", "list-entry", "--to", "KG,CARICC", "--handling", "GREEN", "--in", document.toString(),
                "--out", sealed.toString());
        assertThat(seal.exitCode()).as(seal.output()).isZero();
        assertThat(Files.readString(sealed)).contains("\"protected\"").doesNotContain("metonitazene");

        Jars.Result open = openAs("KG", pki, sealed);
        assertThat(open.exitCode()).as(open.output()).isZero();
        assertThat(open.output()).contains("metonitazene").contains("\"sender\" : \"KZ\"");

        Jars.Result revoke = Jars.run(Jars.CERTS, 60, work, "revoke", "--pki", pki.toString(), "--node", "KZ",
                "--purpose", "signing");
        assertThat(revoke.exitCode()).as(revoke.output()).isZero();
        Jars.Result rejected = openAs("KG", pki, sealed);
        assertThat(rejected.exitCode()).isEqualTo(2);
        assertThat(rejected.output()).contains("REJECTED CERT_REVOKED:");
    }

    private Jars.Result openAs(String node, Path pki, Path sealed) throws Exception {
        return Jars.run(Jars.NODE, 60, work, "open", "--keystore", pki.resolve(node + "/node.p12").toString(),
                "--password-file", pki.resolve("keystore.pass").toString(), "--ca", pki.resolve("ca.crt.pem").toString(),
                "--crl", pki.resolve("crl.pem").toString(), "--in", sealed.toString());
    }
}
