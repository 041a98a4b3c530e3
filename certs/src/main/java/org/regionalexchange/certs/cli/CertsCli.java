package org.regionalexchange.certs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.regionalexchange.certs.CertificatePurpose;
import org.regionalexchange.certs.MemberFolder;
import org.regionalexchange.certs.PkiException;
import org.regionalexchange.certs.RequestPolicy;
import org.regionalexchange.certs.RequestRefusedException;
import org.regionalexchange.certs.NodeKeys;
import org.regionalexchange.certs.RegionalPki;
import org.regionalexchange.certs.SupersededCertificate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The operator's PKI command line: build a region, issue, revoke, publish the CRL, show what is there; and
 * enrolment by request, where a member makes its own keys ({@code request}), CARICC signs the requests
 * ({@code sign}) and the member puts the certificates with its keys ({@code install}).
 */
@Command(name = "certs", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        version = "regional-exchange certs 0.1.0",
        description = "Regional PKI for the exchange network (ECDSA P-256).",
        subcommands = {CertsCli.Region.class, CertsCli.Issue.class, CertsCli.Revoke.class, CertsCli.Crl.class,
                CertsCli.Show.class, CertsCli.Request.class, CertsCli.Sign.class, CertsCli.Install.class})
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
        @Mixin
        PkiFolderOption pki;
        @Option(names = "--node", required = true, description = "Node id, e.g. AZ.")
        String node;
        @Option(names = "--force", description = "Re-issue keys the node already has (revoke the old ones too).")
        boolean force;

        @Override
        public Integer call() {
            RegionalPki regional = pki.load();
            Path nodeDir = pki.folder().resolve(node);
            ExistingKeys.refuseUnlessForced(ExistingKeys.ofNode(pki.folder(), node), force, nodeDir,
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
        @Mixin
        PkiFolderOption pki;
        @Option(names = "--node", required = true, description = "Node id.")
        String node;
        @Option(names = "--purpose", required = true, description = "tls, signing or encryption.")
        String purpose;

        @Override
        public Integer call() {
            CertificatePurpose which = CertificatePurpose.fromAlias(purpose);
            RegionalPki regional = pki.load();
            BigInteger serial = regional.certificate(node, which).map(X509Certificate::getSerialNumber)
                    .orElseThrow(() -> new IllegalArgumentException(node + " has no " + which.alias()
                            + " certificate in " + pki.folder() + ": nothing to revoke"));
            X509CRL crl = regional.revoke(node, which);
            spec.commandLine().getOut().printf("revoked %s %s (serial %s); CRL now lists %d certificate(s): %s%n",
                    node, which.alias(), serial.toString(16), crl.getRevokedCertificates().size(), regional.crlPem());
            return 0;
        }
    }

    @Command(name = "crl", description = {"Publish a fresh CRL (do this before the current one's nextUpdate).",
            "It also lists every certificate a rotation superseded whose overlap (sign --overlap) has ended."})
    static final class Crl implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        PkiFolderOption pki;

        @Override
        public Integer call() {
            RegionalPki regional = pki.load();
            List<SupersededCertificate> before = regional.authority().superseded();
            X509CRL crl = regional.publishCrl();
            PrintWriter printer = spec.commandLine().getOut();
            printer.printf("CRL published, next update %s%n", crl.getNextUpdate().toInstant());
            for (SupersededCertificate entry : before) {
                if (crl.getRevokedCertificate(entry.serial()) != null) {
                    printer.printf("  now lists %s %s serial %s (superseded, overlap ended %s)%n", entry.nodeId(),
                            entry.purpose().alias(), entry.serial().toString(16), entry.overlapEnds());
                }
            }
            regional.authority().superseded().forEach(entry -> printer.printf("  %s %s serial %s superseded, "
                    + "valid until %s: publish again after then%n", entry.nodeId(), entry.purpose().alias(),
                    entry.serial().toString(16), entry.overlapEnds()));
            return 0;
        }
    }

    @Command(name = "show", description = "List nodes, certificate serials, validity and revocation status.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        PkiFolderOption pki;

        @Override
        public Integer call() {
            RegionalPki regional = pki.load();
            PrintWriter printer = spec.commandLine().getOut();
            printer.printf("root: %s%n", regional.authority().certificate().getSubjectX500Principal());
            regional.memberIds().stream().sorted().forEach(id -> Arrays.stream(CertificatePurpose.values())
                    .forEach(purpose -> regional.certificate(id, purpose).ifPresent(certificate ->
                        printer.printf("%-7s %-10s serial %s valid until %s%s%s%n", id, purpose.alias(),
                                certificate.getSerialNumber().toString(16), certificate.getNotAfter().toInstant(),
                                regional.authority().isRevoked(certificate) ? "  REVOKED" : "",
                                regional.enrolledNodeIds().contains(id) ? "  (by request)" : ""))));
            regional.authority().superseded().forEach(entry -> printer.printf(
                    "%-7s %-10s serial %s superseded, valid until %s, then on the next CRL%n", entry.nodeId(),
                    entry.purpose().alias(), entry.serial().toString(16), entry.overlapEnds()));
            return 0;
        }
    }

    @Command(name = "request", description = {"On the member's machine: make the node's three key pairs and "
            + "certificate requests to send to CARICC. The keys stay in --dir under the member's password.",
            "",
            "In a folder with installed keys this starts a key rotation: the new keys wait in <NODE>/requested.p12, "
            + "under the same password as the installed <NODE>/node.p12, which the node keeps using until "
            + "`certs install`."})
    static final class Request implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--node", required = true, description = "This member's node id, e.g. UZ.")
        String node;
        @Mixin
        MemberFolderOptions member;
        @Option(names = "--force", description = "Discard keys of earlier requests not installed yet (installed keys "
                + "are never touched).")
        boolean force;

        @Override
        public Integer call() {
            char[] password = member.password(true, node);
            Path dir = member.dir;
            PrintWriter printer = spec.commandLine().getOut();
            printer.printf("making the tls, signing and encryption keys of %s (EC P-256) in %s%n", node,
                    dir.toAbsolutePath());
            MemberFolder.Requested requested = MemberFolder.at(dir).request(node, password, force);
            printer.printf("  keys         %s (owner-only, your password; they never leave this folder)%n",
                    requested.keystore());
            requested.requests().forEach((purpose, file) -> printer.printf("  request %-10s %s%n",
                    purpose.alias(), file));
            requested.rotates().ifPresent(installed -> printer.printf("this is a key rotation: the node keeps using "
                    + "the installed keys in %s until you install the new certificates%n", installed));
            printer.printf("send the three .csr.pem files to CARICC; install what comes back with%n"
                    + "  certs install --dir %s --certificates %s-*.crt.pem --ca-certificate ca.crt.pem "
                    + "--crl crl.pem%n", dir, node);
            return 0;
        }
    }

    @Command(name = "sign", description = {"At CARICC: check members' certificate requests against the regional "
            + "policy and sign them; if any is refused, none is signed.",
            "",
            "A request for a node and purpose that already has a certificate is a key rotation. The replaced "
            + "certificate is not revoked at once: it stays valid for the --overlap, so that messages other members "
            + "seal for the old encryption certificate, or the node signed with its old signing key, still open "
            + "while the member installs the new certificates and the others learn of them. The CA records it as "
            + "superseded (in ca/revoked.txt) with the time its overlap ends; the first CRL published after that "
            + "time (by `certs crl`, `revoke`, or a `sign` that replaces a certificate) lists it. A second rotation "
            + "within the overlap revokes the certificate superseded first, as the member keeps one previous key. "
            + "With --overlap PT0S the replaced certificate is revoked now and a new CRL published: use that when "
            + "the old key is compromised or lost."})
    static final class Sign implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--ca", required = true, description = "The CA's folder, made by `certs region`.")
        Path ca;
        @Option(names = "--request", required = true, arity = "1..*",
                description = "PEM request files, e.g. UZ-tls.csr.pem.")
        List<Path> requests;
        @Option(names = "--node", description = "The node the requests must be for; any other is refused.")
        String node;
        @Option(names = "--out", description = "Folder for the issued certificates (default: beside each request).")
        Path out;
        @Option(names = "--overlap", paramLabel = "DURATION", defaultValue = "P7D",
                converter = OverlapConverter.class, description = "How long a certificate this replaces stays valid, ISO-8601 (default: ${DEFAULT-VALUE}, "
                        + "one CRL period); PT0S revokes it at once.")
        Duration overlap;

        @Override
        public Integer call() {
            RegionalPki regional = RegionalPki.load(ca);
            PrintWriter printer = spec.commandLine().getOut();
            PrintWriter errors = spec.commandLine().getErr();
            List<RequestPolicy.AcceptedRequest> accepted = new ArrayList<>();
            List<String> refusals = new ArrayList<>();
            Map<String, Path> seen = new HashMap<>();
            for (Path file : requests) {
                try {
                    RequestPolicy.AcceptedRequest request = RequestPolicy.check(RequestPolicy.read(file),
                            file.toString(), Optional.ofNullable(node));
                    regional.requireEnrollable(request);
                    Path earlier = seen.putIfAbsent(request.nodeId() + " " + request.purpose().alias(), file);
                    if (earlier != null) {
                        throw new PkiException("refused " + file + ": " + earlier + " is also a "
                                + request.purpose().alias() + " request of " + request.nodeId()
                                + "; sign one request per node and purpose");
                    }
                    accepted.add(request);
                    printer.printf("checked %s: %s %s, EC P-256, usages as policy allows%n", file,
                            request.nodeId(), request.purpose().alias());
                } catch (RequestRefusedException | PkiException e) {
                    refusals.add(e.getMessage());
                }
            }
            if (!refusals.isEmpty()) {
                refusals.forEach(refusal -> errors.println("certs: " + refusal));
                errors.flush();
                errors.printf("certs: signed nothing (%d of %d request(s) refused): send the refused ones back "
                        + "to the member with the reason, and run again with the others%n", refusals.size(),
                        requests.size());
                return 1;
            }
            if (out != null) {
                try {
                    Files.createDirectories(out);
                } catch (IOException e) {
                    throw new PkiException("cannot create --out " + out + ": " + e.getMessage(), e);
                }
            }
            for (RequestPolicy.AcceptedRequest request : accepted) {
                RegionalPki.Signed signed = regional.sign(request, overlap);
                Path folder = out != null ? out : parentOf(Path.of(request.source()));
                Path file = folder.resolve(request.nodeId() + "-" + request.purpose().alias() + ".crt.pem");
                signed.writeTo(file);
                printer.printf("signed %s %s: serial %s valid until %s -> %s%n", request.nodeId(),
                        request.purpose().alias(), signed.certificate().getSerialNumber().toString(16),
                        signed.certificate().getNotAfter().toInstant(), file);
                signed.replaced().ifPresent(old -> signed.overlapEnds().ifPresentOrElse(
                        ends -> printer.printf("  replaces serial %s, which stays valid until %s; the first CRL "
                                + "published after that (certs crl) lists it%n", old.getSerialNumber().toString(16),
                                ends),
                        () -> printer.printf("  replaces serial %s, now revoked (new CRL %s)%n",
                                old.getSerialNumber().toString(16), regional.crlPem())));
            }
            printer.printf("send the member its certificates with %s and %s%n", regional.caCertificatePem(),
                    regional.crlPem());
            return 0;
        }

        private static Path parentOf(Path file) {
            Path parent = file.toAbsolutePath().getParent();
            return parent != null ? parent : Path.of(".");
        }
    }

    @Command(name = "install", description = {"On the member's machine: put the certificates CARICC issued with the "
            + "keys of this folder's requests, in the layout a node reads (node.pki.dir).",
            "",
            "Over installed keys (a rotation) node.p12 keeps the replaced encryption key as alias "
            + MemberFolder.PREVIOUS_ENCRYPTION_ALIAS + ", so messages sealed for the old encryption certificate "
            + "during CARICC's overlap still open; only the latest replaced key is kept. Restart the node to use "
            + "the new keys."})
    static final class Install implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        MemberFolderOptions member;
        @Option(names = "--certificates", required = true, arity = "1..*",
                description = "The tls, signing and encryption certificates (PEM) CARICC issued.")
        List<Path> certificates;
        @Option(names = "--ca-certificate", required = true, description = "The regional root, ca.crt.pem.")
        Path caCertificate;
        @Option(names = "--crl", description = "The CRL CARICC publishes, crl.pem (a node needs it to start).")
        Path crl;

        @Override
        public Integer call() {
            Path dir = member.dir;
            char[] password = member.password(false, "the requested keys in " + dir);
            MemberFolder.Installed installed = MemberFolder.at(dir).install(password, certificates, caCertificate,
                    Optional.ofNullable(crl));
            PrintWriter printer = spec.commandLine().getOut();
            printer.printf("installed %s in %s%n", installed.nodeId(), dir.toAbsolutePath());
            installed.certificates().forEach((purpose, certificate) -> printer.printf(
                    "  %-10s serial %s valid until %s%n", purpose.alias(),
                    certificate.getSerialNumber().toString(16), certificate.getNotAfter().toInstant()));
            printer.printf("  keystores    %s, %s%n", installed.keystore(), installed.tlsKeystore());
            installed.previousEncryption().ifPresent(previous -> printer.printf("  kept         the replaced "
                    + "encryption key (serial %s) as %s in %s: messages sealed for it still open%n",
                    previous.getSerialNumber().toString(16), MemberFolder.PREVIOUS_ENCRYPTION_ALIAS,
                    installed.keystore()));
            printer.printf("  truststore   %s%n", installed.truststore());
            printer.printf("  root CA      %s%n", installed.caCertificate());
            printer.printf("  CRL          %s%n", installed.crl().map(Path::toString)
                    .orElse("none: copy CARICC's crl.pem to " + dir.resolve("crl.pem") + " before the node starts"));
            printer.printf("%s the node with node.pki.dir=%s and node.pki.password-file=%s (or $NODE_KEYSTORE_"
                    + "PASSWORD); other members' <NODE>/encryption.crt.pem go into the same folder%n",
                    installed.previousEncryption().isPresent() ? "restart" : "start", dir,
                    member.passwordFile != null ? member.passwordFile : "<your password file>");
            installed.previousEncryption().ifPresent(previous -> printer.printf("then have the other members "
                    + "take the new %s/encryption.crt.pem before CARICC's overlap ends%n", installed.nodeId()));
            return 0;
        }
    }

}
