package org.regionalexchange.node.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.regionalexchange.node.app.demo.LocalRegion;
import org.regionalexchange.node.app.wiring.NodeSettings;
import org.regionalexchange.node.broker.BrokerAddresses;
import org.regionalexchange.node.broker.PeerConnections;
import org.regionalexchange.node.crypto.MessageSealer;
import org.regionalexchange.node.crypto.Pkcs12NodeKeyring;
import org.regionalexchange.node.crypto.RawSealer;
import org.regionalexchange.node.outbox.HopCopy;
import org.regionalexchange.node.outbox.OutboxWriter;
import org.regionalexchange.node.routing.CertificateDirectory;

/**
 * Hand-crafted envelopes delivered straight into a peer's inbox over the sender's own mutual-TLS link, bypassing the
 * sender's outbound checks, as a faulty or hostile node could.
 */
final class Injector {

    private final LocalRegion region;
    private final String sender;

    Injector(LocalRegion region, String sender) {
        this.region = region;
        this.sender = sender;
    }

    ObjectNode header(String receiver, Instant expiresAt) {
        ObjectNode header = Documents.example(
                "valid/header/1-0-0/kz-seizure-to-regional.json").deepCopy();
        header.put("messageId", UUID.randomUUID().toString()).put("sender", sender)
                .put("createdAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        header.putArray("recipients").add(receiver);
        if (expiresAt != null) {
            header.put("expiresAt", expiresAt.toString());
        }
        return header;
    }

    byte[] seal(ObjectNode header, JsonNode document, String receiver) {
        return seal(header, document, receiver, Clock.systemUTC());
    }

    /** Seals with the given clock for the signing time, e.g. one running ahead. */
    byte[] seal(ObjectNode header, JsonNode document, String receiver, Clock clock) {
        NodeSettings settings = region.node(sender).settings();
        return new MessageSealer(Pkcs12NodeKeyring.load(settings.pki().keystore(), settings.pki().password()),
                clock).seal(header, document, new CertificateDirectory(settings.pki().certificatesDir())
                        .encryptionCertificates(List.of(receiver)));
    }

    /** Seals signed content given as text, for what a JSON tree cannot hold, such as a duplicate key. */
    byte[] sealRaw(ObjectNode header, String signedContent, String receiver) {
        NodeSettings settings = region.node(sender).settings();
        return RawSealer.seal(new MessageSealer(Pkcs12NodeKeyring.load(settings.pki().keystore(),
                settings.pki().password()), Clock.systemUTC()), header, signedContent,
                new CertificateDirectory(settings.pki().certificatesDir()).encryptionCertificates(List.of(receiver)));
    }

    void deliver(byte[] wire, String messageId, String receiver) {
        deliver(wire, messageId, receiver, receiver);
    }

    /** Hands the envelope to the receiver's inbox, meant for the given final recipient. */
    void deliver(byte[] wire, String messageId, String receiver, String deliverTo) {
        NodeSettings settings = region.node(sender).settings();
        NodeSettings.PeerSettings link = settings.peer(receiver).orElseThrow();
        try (Connection connection = PeerConnections.peer(link.host(), link.port(), settings.pki().tlsKeystore(),
                settings.pki().truststore(), settings.pki().password()).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue(BrokerAddresses.inbox(sender))).send(OutboxWriter.envelopeMessage(
                    session, new HopCopy(receiver, messageId, sender, List.of(deliverTo), wire)));
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
