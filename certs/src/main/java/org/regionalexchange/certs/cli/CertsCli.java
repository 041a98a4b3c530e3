package org.regionalexchange.certs.cli;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.regionalexchange.certs.CertificatePurpose;
import org.regionalexchange.certs.NodeKeys;
import org.regionalexchange.certs.RegionalPki;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The operator's PKI command line: build a region, issue, revoke, publish the CRL, show what is there. */
@Command(name = "certs", mixinStandardHelpOptions = true, version = "regional-exchange certs 0.1.0",
        description = "Regional PKI for the exchange network (ECDSA P-256).",
        subcommands = {CertsCli.Region.class, CertsCli.Issue.class, CertsCli.Revoke.class, CertsCli.Crl.class,
                CertsCli.Show.class})
public final class CertsCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with errors printed as one line naming the problem. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new CertsCli());
        commandLine.setExecutionExceptionHandler((exception, line, parsed) -> {
            line.getErr().println("certs: " + exception.getMessage());
            return 1;
        });
        return commandLine;
    }

    @Command(name = "region", description = "Create a root CA and every node's certificates in one folder.")
    static final class Region implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--out", required = true, description = "Folder to write (created if missing).")
        Path out;
        @Option(names = "--nodes", split = ",", description = "Node ids (default: ${DEFAULT-VALUE}).",
                defaultValue = "CARICC,KZ,KG,TJ,TM,UZ")
        List<String> nodes;
        @Option(names = "--force", description = "Replace a region already in --out: its CA and every node's keys.")
        boolean force;

        @Override
        public Integer call() {
            List<Path> existing = ExistingKeys.ofRegion(out);
            ExistingKeys.refuseUnlessForced(existing, force, out, out + " already holds a region",
                    "choose another --out folder");
            ExistingKeys.remove(existing);
            long start = System.nanoTime();
            RegionalPki pki = RegionalPki.create(out, nodes, Clock.systemUTC());
            PrintWriter printer = spec.commandLine().getOut();
            printer.printf("regional PKI written to %s in %d ms%n", out.toAbsolutePath(),
                    (System.nanoTime() - start) / 1_000_000);
            printer.printf("  root CA      %s%n", pki.caCertificatePem());
            printer.printf("  truststore   %s%n", pki.truststore());
            printer.printf("  CRL          %s%n", pki.crlPem());
            printer.printf("  password     %s (keystore password file, owner-only)%n",
                    pki.directory().resolve("keystore.pass"));
            for (String node : nodes) {
                printer.printf("  node %-7s %s (tls, signing, encryption)%n", node, pki.node(node).directory());
            }
            return 0;
        }
    }

    @Command(name = "issue", description = "Issue a node's three certificates (re-issue with --force).")
    static final class Issue implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--pki", required = true, description = "Folder made by `certs region`.")
        Path pki;
        @Option(names = "--node", required = true, description = "Node id, e.g. AZ.")
        String node;
        @Option(names = "--force", description = "Re-issue keys the node already has (revoke the old ones too).")
        boolean force;

        @Override
        public Integer call() {
            RegionalPki regional = RegionalPki.load(pki);
            Path nodeDir = pki.resolve(node);
            ExistingKeys.refuseUnlessForced(ExistingKeys.ofNode(pki, node), force, nodeDir,
                    node + " already has keys in " + nodeDir, "choose another --node");
            NodeKeys keys = regional.addNode(node);
            spec.commandLine().getOut().printf("issued %s: %s%n", node, keys.directory());
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke one of a node's certificates and publish a new CRL.")
    static final class Revoke implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--pki", required = true, description = "Folder made by `certs region`.")
        Path pki;
        @Option(names = "--node", required = true, description = "Node id.")
        String node;
        @Option(names = "--purpose", required = true, description = "tls, signing or encryption.")
        String purpose;

        @Override
        public Integer call() {
            CertificatePurpose which = CertificatePurpose.fromAlias(purpose);
            RegionalPki regional = RegionalPki.load(pki);
            BigInteger serial = regional.node(node).credential(which).certificate().getSerialNumber();
            X509CRL crl = regional.revoke(node, which);
            spec.commandLine().getOut().printf("revoked %s %s (serial %s); CRL now lists %d certificate(s): %s%n",
                    node, which.alias(), serial.toString(16), crl.getRevokedCertificates().size(), regional.crlPem());
            return 0;
        }
    }

    @Command(name = "crl", description = "Publish a fresh CRL (do this before the current one's nextUpdate).")
    static final class Crl implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--pki", required = true, description = "Folder made by `certs region`.")
        Path pki;

        @Override
        public Integer call() {
            X509CRL crl = RegionalPki.load(pki).publishCrl();
            spec.commandLine().getOut().printf("CRL published, next update %s%n", crl.getNextUpdate().toInstant());
            return 0;
        }
    }

    @Command(name = "show", description = "List nodes, certificate serials, validity and revocation status.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--pki", required = true, description = "Folder made by `certs region`.")
        Path pki;

        @Override
        public Integer call() {
            RegionalPki regional = RegionalPki.load(pki);
            PrintWriter printer = spec.commandLine().getOut();
            printer.printf("root: %s%n", regional.authority().certificate().getSubjectX500Principal());
            regional.nodeIds().stream().sorted().forEach(id -> Arrays.stream(CertificatePurpose.values())
                    .forEach(purpose -> {
                        X509Certificate certificate = regional.node(id).credential(purpose).certificate();
                        printer.printf("%-7s %-10s serial %s valid until %s%s%n", id, purpose.alias(),
                                certificate.getSerialNumber().toString(16), certificate.getNotAfter().toInstant(),
                                regional.authority().isRevoked(certificate) ? "  REVOKED" : "");
                    }));
            return 0;
        }
    }

}
