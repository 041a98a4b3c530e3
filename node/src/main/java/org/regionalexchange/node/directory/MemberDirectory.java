package org.regionalexchange.node.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One version of the member directory, its certificates and CRL decoded. Built from the signed document a node
 * received (or the hub composed), and written back to the same JSON.
 *
 * @param members by node id, in the order the document lists them
 */
public record MemberDirectory(long version, Instant issuedAt, Instant nextUpdate, String hub,
        Map<String, Member> members, X509CRL crl) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A member's certificates by purpose, as the document names them and {@link Member#certificates()} orders them. */
    public static final List<String> PURPOSES = List.of("tls", "signing", "encryption");

    public MemberDirectory {
        members = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }

    /** Where a member's broker takes peers' connections. */
    public record Endpoint(String host, int port) {}

    /** A member with its current certificates. */
    public record Member(String node, String name, String organisation, Optional<Endpoint> endpoint,
            X509Certificate tls, X509Certificate signing, X509Certificate encryption) {

        /** The certificates in the order of {@link MemberDirectory#PURPOSES}. */
        public List<X509Certificate> certificates() {
            return List.of(tls, signing, encryption);
        }
    }

    /** A document that cannot be read as a directory although its schema passed: a certificate or CRL not DER. */
    public static final class UnreadableDirectoryException extends IllegalArgumentException {
        private final String pointer;

        UnreadableDirectoryException(String pointer, String message) {
            super(pointer + ": " + message);
            this.pointer = pointer;
        }

        public String pointer() {
            return pointer;
        }
    }

    /** Reads a document that validated against member-directory 1-0-0. */
    public static MemberDirectory parse(JsonNode document) {
        Map<String, Member> members = new LinkedHashMap<>();
        JsonNode list = document.path("members");
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            String pointer = "/members/" + i;
            String node = entry.path("node").asText();
            if (members.containsKey(node)) {
                throw new UnreadableDirectoryException(pointer + "/node", node + " is listed twice");
            }
            JsonNode endpoint = entry.path("endpoint");
            JsonNode certificates = entry.path("certificates");
            members.put(node, new Member(node, entry.path("name").asText(null), entry.path("organisation").asText(null),
                    endpoint.isObject() ? Optional.of(new Endpoint(endpoint.path("host").asText(),
                            endpoint.path("port").asInt())) : Optional.empty(),
                    certificate(certificates.path("tls").asText(), pointer + "/certificates/tls"),
                    certificate(certificates.path("signing").asText(), pointer + "/certificates/signing"),
                    certificate(certificates.path("encryption").asText(), pointer + "/certificates/encryption")));
        }
        return new MemberDirectory(document.path("version").asLong(), instant(document, "issuedAt"),
                instant(document, "nextUpdate"), document.path("hub").asText(), members, crl(document.path("crl")
                        .asText()));
    }

    /** The document, as the schema lays it out. */
    public ObjectNode toJson() {
        ObjectNode document = JSON.createObjectNode();
        document.put("version", version);
        document.put("issuedAt", issuedAt.toString());
        document.put("nextUpdate", nextUpdate.toString());
        document.put("hub", hub);
        ArrayNode list = document.putArray("members");
        for (Member member : members.values()) {
            ObjectNode entry = list.addObject();
            entry.put("node", member.node());
            if (member.name() != null) {
                entry.put("name", member.name());
            }
            if (member.organisation() != null) {
                entry.put("organisation", member.organisation());
            }
            member.endpoint().ifPresent(endpoint -> entry.putObject("endpoint").put("host", endpoint.host())
                    .put("port", endpoint.port()));
            ObjectNode certificates = entry.putObject("certificates");
            certificates.put("tls", der(member.tls()));
            certificates.put("signing", der(member.signing()));
            certificates.put("encryption", der(member.encryption()));
        }
        try {
            document.put("crl", Base64.getEncoder().encodeToString(crl.getEncoded()));
        } catch (java.security.cert.CRLException e) {
            throw new IllegalStateException("the CRL cannot be encoded: " + e.getMessage(), e);
        }
        return document;
    }

    /** The next version: the same hub, these members and CRL, issued now. */
    public MemberDirectory next(Instant now, java.time.Duration lifetime, Map<String, Member> newMembers,
            X509CRL newCrl) {
        return new MemberDirectory(version + 1, now, now.plus(lifetime), hub, newMembers, newCrl);
    }

    public List<String> memberIds() {
        return new ArrayList<>(members.keySet());
    }

    public Optional<Member> member(String node) {
        return Optional.ofNullable(members.get(node));
    }

    static String der(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("a certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    private static X509Certificate certificate(String base64, String pointer) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new UnreadableDirectoryException(pointer, "is not a DER-encoded X.509 certificate ("
                    + e.getMessage() + ")");
        }
    }

    private static X509CRL crl(String base64) {
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(
                    new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new UnreadableDirectoryException("/crl", "is not a DER-encoded X.509 CRL (" + e.getMessage() + ")");
        }
    }

    private static Instant instant(JsonNode document, String field) {
        try {
            return OffsetDateTime.parse(document.path(field).asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new UnreadableDirectoryException("/" + field, "is not a date-time");
        }
    }
}
