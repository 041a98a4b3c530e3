package org.regionalexchange.node.outbox;

import io.micrometer.core.instrument.Timer;
import java.util.List;
import org.regionalexchange.node.crypto.MessageSealer;
import org.regionalexchange.node.routing.CertificateDirectory;
import org.regionalexchange.schemas.Violation;

/**
 * The sealing step: signs and encrypts for every final recipient, whatever hop each is reached through. A sealed
 * message too large for a peer's broker to take is refused here, so it is never recorded nor queued to be retried
 * forever.
 */
public final class Sealing {

    /** Room left for the JMS properties every hop adds (ids, recipients, duplicate id), which brokers count too. */
    public static final int PROPERTIES_ALLOWANCE = 4096;

    private final MessageSealer sealer;
    private final CertificateDirectory directory;
    private final Timer timer;
    private final long maxMessageBytes;

    /** @param maxMessageBytes node.limits.message-bytes: the largest message a broker of the region takes */
    public Sealing(MessageSealer sealer, CertificateDirectory directory, Timer timer, long maxMessageBytes) {
        this.sealer = sealer;
        this.directory = directory;
        this.timer = timer;
        this.maxMessageBytes = maxMessageBytes;
    }

    public OutgoingMessage seal(OutgoingMessage message) {
        return message.sealed(requireWithinLimit(timer.record(() -> sealer.seal(message.header(),
                message.document(), directory.encryptionCertificates(message.finalRecipients())))));
    }

    private byte[] requireWithinLimit(byte[] wire) {
        if (wire.length + PROPERTIES_ALLOWANCE > maxMessageBytes) {
            throw new InvalidSubmissionException(List.of(new Violation("/document", "sealed, the message is "
                    + wire.length + " bytes; with " + PROPERTIES_ALLOWANCE + " bytes for its routing properties it"
                    + " exceeds node.limits.message-bytes " + maxMessageBytes + ": send a smaller document")));
        }
        return wire;
    }
}
