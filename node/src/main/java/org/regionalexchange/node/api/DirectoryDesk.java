package org.regionalexchange.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.regionalexchange.node.directory.DirectoryInForce;
import org.regionalexchange.node.directory.DirectoryPublisher;
import org.regionalexchange.node.directory.MemberDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/directory}: every node shows the member directory in force; on the hub an admin adds, changes and
 * removes members and publishes a new version at once (after a revocation, say), and each change goes to every
 * member as the next version.
 */
public final class DirectoryDesk {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryDesk.class);

    private final String self;
    private final DirectoryInForce inForce;
    private final DirectoryPublisher publisher;
    private final Predicate<X509Certificate> revoked;
    private final Clock clock;

    /** @param publisher the hub's publisher, or null on a member, which only shows what it received */
    public DirectoryDesk(String self, DirectoryInForce inForce, DirectoryPublisher publisher,
            Predicate<X509Certificate> revoked, Clock clock) {
        this.self = self;
        this.inForce = inForce;
        this.publisher = publisher;
        this.revoked = revoked;
        this.clock = clock;
    }

    public String view() {
        return NodeApi.write(body());
    }

    /**
     * Adds a member or replaces its entry with {@code {certificates: {tls, signing, encryption}, endpoint?: {host,
     * port}, name?, organisation?}}, certificates as PEM or base64 DER.
     *
     * @throws ApiProblem 400 naming the field that is wrong, 409 on a node that is not the hub
     */
    public String putMember(String node, String json, ApiUser admin) {
        DirectoryPublisher hub = hubOnly();
        JsonNode body = RequestBodies.object(json, "{certificates: {tls, signing, encryption}, endpoint?: {host,"
                + " port}, name?, organisation?}");
        if (node == null || !node.matches("[A-Z][A-Z0-9-]{1,15}")) {
            throw ApiProblem.badRequest("", "'" + node + "' is not a node id (upper-case letters, digits and -)");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (String purpose : MemberDirectory.PURPOSES) {
            certificates.add(certificate(body.path("certificates").path(purpose), "/certificates/" + purpose));
        }
        JsonNode endpoint = body.path("endpoint");
        Optional<MemberDirectory.Endpoint> where = Optional.empty();
        if (!endpoint.isMissingNode() && !endpoint.isNull()) {
            int port = endpoint.path("port").asInt(0);
            String host = endpoint.path("host").asText("");
            if (!host.matches("[A-Za-z0-9.:-]{1,253}") || port < 1 || port > 65535) {
                throw ApiProblem.badRequest("/endpoint", "needs a host name or address and a port from 1 to 65535");
            }
            where = Optional.of(new MemberDirectory.Endpoint(host, port));
        }
        MemberDirectory.Member member = new MemberDirectory.Member(node, text(body, "name"),
                text(body, "organisation"), where, certificates.get(0), certificates.get(1), certificates.get(2));
        MemberDirectory published = refusedAsBadRequest(() -> hub.putMember(member));
        LOG.info("member directory version {}: {} added or changed by {}", published.version(), node, admin.name());
        return view();
    }

    /** @throws ApiProblem 404 for a node the directory does not list, 409 on a node that is not the hub */
    public String removeMember(String node, ApiUser admin) {
        DirectoryPublisher hub = hubOnly();
        if (inForce.current().flatMap(directory -> directory.member(node)).isEmpty()) {
            throw ApiProblem.notFound("the member directory in force does not list " + node);
        }
        MemberDirectory published = refusedAsBadRequest(() -> hub.removeMember(node));
        LOG.info("member directory version {}: {} removed by {}", published.version(), node, admin.name());
        return view();
    }

    /** Publishes the next version now, with the CRL in use: after `certs revoke`, without waiting for the check. */
    public String publish(ApiUser admin) {
        DirectoryPublisher hub = hubOnly();
        MemberDirectory published = refusedAsBadRequest(() -> hub.publishNow("asked by " + admin.name()));
        LOG.info("member directory version {} published by {}", published.version(), admin.name());
        return view();
    }

    private DirectoryBody body() {
        Optional<MemberDirectory> current = inForce.current();
        if (current.isEmpty()) {
            return new DirectoryBody(self, null, 0, null, null, null, false, List.of(), null);
        }
        MemberDirectory directory = current.get();
        List<String> region = inForce.region();
        List<DirectoryBody.DirectoryMember> members = new ArrayList<>();
        for (MemberDirectory.Member member : directory.members().values()) {
            List<DirectoryBody.CertificateSummary> certificates = new ArrayList<>();
            List<X509Certificate> held = member.certificates();
            for (int i = 0; i < MemberDirectory.PURPOSES.size(); i++) {
                X509Certificate certificate = held.get(i);
                certificates.add(new DirectoryBody.CertificateSummary(MemberDirectory.PURPOSES.get(i),
                        certificate.getSerialNumber().toString(16), certificate.getNotAfter().toInstant().toString(),
                        revoked.test(certificate)));
            }
            members.add(new DirectoryBody.DirectoryMember(member.node(), member.name(), member.organisation(),
                    member.endpoint().map(MemberDirectory.Endpoint::host).orElse(null),
                    member.endpoint().map(MemberDirectory.Endpoint::port).orElse(null),
                    region.contains(member.node()), certificates));
        }
        var crl = directory.crl();
        return new DirectoryBody(self, directory.hub(), directory.version(), directory.issuedAt().toString(),
                directory.nextUpdate().toString(), inForce.appliedAt() == null ? null : inForce.appliedAt().toString(),
                clock.instant().isAfter(directory.nextUpdate()), members, new DirectoryBody.CrlSummary(
                        crl.getThisUpdate().toInstant().toString(), crl.getNextUpdate() == null ? null
                                : crl.getNextUpdate().toInstant().toString(),
                        crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size()));
    }

    private DirectoryPublisher hubOnly() {
        if (publisher == null) {
            throw ApiProblem.conflict(self + " is not the hub: the member directory is changed on the hub, which"
                    + " publishes it to every member");
        }
        return publisher;
    }

    private static MemberDirectory refusedAsBadRequest(java.util.function.Supplier<MemberDirectory> change) {
        try {
            return change.get();
        } catch (DirectoryPublisher.RefusedChangeException e) {
            throw ApiProblem.badRequest("", e.getMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static X509Certificate certificate(JsonNode value, String pointer) {
        if (!value.isTextual()) {
            throw ApiProblem.badRequest(pointer, pointer + " is required: the certificate as PEM or base64 DER");
        }
        String text = value.asText().trim();
        byte[] bytes = text.startsWith("-----BEGIN") ? text.getBytes(StandardCharsets.US_ASCII) : decode(text, pointer);
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(bytes));
        } catch (GeneralSecurityException e) {
            throw ApiProblem.badRequest(pointer, pointer + " is not an X.509 certificate: " + e.getMessage());
        }
    }

    private static byte[] decode(String base64, String pointer) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(pointer, pointer + " is neither PEM nor base64: " + e.getMessage());
        }
    }
}
