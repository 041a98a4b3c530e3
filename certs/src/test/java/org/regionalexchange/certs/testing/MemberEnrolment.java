package org.regionalexchange.certs.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.regionalexchange.certs.MemberFolder;
import org.regionalexchange.certs.RegionalPki;
import org.regionalexchange.certs.RequestPolicy;

/**
 * Enrols a member by request, as {@code certs request}, {@code sign} and {@code install} do one after the other;
 * run again on the same folder it rotates the member's keys. Real keys, real certificates, in the callers' folders.
 */
public final class MemberEnrolment {

    private MemberEnrolment() {}

    /**
     * @param overlap how long the CA keeps certificates this replaces valid ({@code certs sign --overlap})
     * @param outbox where the CA's certificates are written on their way to the member
     */
    public static MemberFolder.Installed enrol(RegionalPki ca, MemberFolder member, String nodeId, char[] password,
            Duration overlap, Path outbox) throws IOException {
        Files.createDirectories(outbox);
        MemberFolder.Requested requested = member.request(nodeId, password, false);
        List<Path> certificates = new ArrayList<>();
        for (Path request : requested.requests().values()) {
            RegionalPki.Signed signed = ca.sign(RequestPolicy.check(RequestPolicy.read(request), request.toString(),
                    Optional.of(nodeId)), overlap);
            Path certificate = outbox.resolve(request.getFileName().toString().replace(".csr.pem", ".crt.pem"));
            signed.writeTo(certificate);
            certificates.add(certificate);
        }
        return member.install(password, certificates, ca.caCertificatePem(), Optional.of(ca.crlPem()));
    }
}
