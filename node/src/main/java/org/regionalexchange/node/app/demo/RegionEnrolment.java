package org.regionalexchange.node.app.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.regionalexchange.certs.MemberFolder;
import org.regionalexchange.certs.PkiException;
import org.regionalexchange.certs.RegionalPki;
import org.regionalexchange.certs.RequestPolicy;

/**
 * Builds a region on one machine the way members join a real one, so that no folder holds another member's private
 * key: CARICC's CA in a folder of its own, holding no node's keys, and each node (CARICC's too) in a folder of its
 * own where it makes its keys under its own random password, sends its requests to the CA and installs the
 * certificates the CA signed. That folder is the node's {@code node.pki.dir}, its password in {@value #PASSWORD_FILE}
 * there (owner-only). The CA keeps each member's public certificates ({@code <NODE>/*.crt.pem}), from which the hub
 * publishes its first member directory.
 */
final class RegionEnrolment {

    /** The member's keystore password, where {@code node.pki.dir} makes the node look for it by default. */
    static final String PASSWORD_FILE = "keystore.pass";

    private static final SecureRandom RANDOM = new SecureRandom();

    private RegionEnrolment() {}

    /** A fresh regional CA that has certified no node yet. */
    static RegionalPki authority(Path folder, Clock clock) {
        return RegionalPki.create(folder, List.of(), clock);
    }

    /**
     * Enrols one node: its keys and requests made in its own folder, the requests checked against the CA's policy
     * and signed, the certificates (with the root and the CRL) installed there.
     *
     * @return the node's folder, ready as its {@code node.pki.dir}
     */
    static Path enrol(RegionalPki ca, Path memberFolder, String nodeId) {
        char[] password = newPassword();
        MemberFolder member = MemberFolder.at(memberFolder);
        MemberFolder.Requested requested = member.request(nodeId, password, false);
        List<Path> certificates = new ArrayList<>();
        for (Path request : requested.requests().values()) {
            RegionalPki.Signed signed = ca.sign(RequestPolicy.check(RequestPolicy.read(request), request.toString(),
                    Optional.of(nodeId)));
            // The certificate as the member receives it from CARICC, beside its request.
            Path certificate = request.resolveSibling(request.getFileName().toString()
                    .replace(".csr.pem", ".crt.pem"));
            signed.writeTo(certificate);
            certificates.add(certificate);
        }
        member.install(password, certificates, ca.caCertificatePem(), Optional.of(ca.crlPem()));
        writePassword(memberFolder.resolve(PASSWORD_FILE), password);
        return memberFolder;
    }

    private static char[] newPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).toCharArray();
    }

    private static void writePassword(Path file, char[] password) {
        try {
            Files.writeString(file, new String(password), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the folder's own permissions apply.
            }
        } catch (IOException e) {
            throw new PkiException("cannot write the keystore password of the member folder " + file.getParent()
                    + " (" + e.getMessage() + "): check that the folder is writable, or choose another with --dir", e);
        }
    }
}
