package org.regionalexchange.node.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.regionalexchange.certs.RegionalPki;
import org.regionalexchange.node.trust.RegionalTrust;

/** Keyrings, trust and sample messages over a test PKI. */
final class SealedFixture {

    static final ObjectMapper JSON = new ObjectMapper();

    final RegionalPki pki;
    final Clock clock;

    SealedFixture(RegionalPki pki, Clock clock) {
        this.pki = pki;
        this.clock = clock;
    }

    NodeKeyring keyring(String nodeId) {
        return Pkcs12NodeKeyring.load(pki.node(nodeId).keystore(), pki.password());
    }

    MessageSealer sealer(String nodeId) {
        return new MessageSealer(keyring(nodeId), clock);
    }

    MessageOpener opener(String nodeId) {
        return new MessageOpener(keyring(nodeId), RegionalTrust.fromFiles(pki.caCertificatePem(), pki.crlPem()),
                clock);
    }

    List<X509Certificate> encryptionCertificates(Collection<String> nodeIds) {
        return nodeIds.stream().map(id -> pki.node(id).encryption().certificate()).toList();
    }

    static ObjectNode header(String sender, List<String> recipients, Instant expiresAt) {
        ObjectNode header = JSON.createObjectNode();
        header.put("messageId", UUID.randomUUID().toString());
        header.put("kind", "seizure-notice");
        header.put("schemaVersion", "1-0-0");
        header.put("status", "exercise");
        header.put("sender", sender);
        recipients.forEach(header.putArray("recipients")::add);
        header.put("createdAt", "2026-11-23T08:00:00Z");
        if (expiresAt != null) {
            header.put("expiresAt", expiresAt.toString());
        }
        header.put("handling", "AMBER");
        header.put("language", "en");
        return header;
    }

    /** A document of about two kilobytes, the size of a typical seizure notice. */
    static JsonNode document() {
        try {
            ObjectNode document = (ObjectNode) JSON.readTree("""
                    {"seizureRef": "KG-2024-0117", "eventType": "seizure", "seizureDate": "2024-03-14",
                     "countryOfSeizure": "KG", "location": {"name": "Bishkek", "country": "KG"},
                     "items": [{"substance": {"preferredName": "alpha-PVP"}, "form": "crystal",
                                "quantity": {"value": 3.332, "unit": "kg", "contentBasis": "pureSubstance"}}]}
                    """);
            document.put("remarks", "x".repeat(1700));
            return document;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
