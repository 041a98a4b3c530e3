package org.regionalexchange.node.outbox;

import io.micrometer.core.instrument.Timer;
import org.regionalexchange.node.crypto.MessageSealer;
import org.regionalexchange.node.routing.CertificateDirectory;

/** The sealing step: signs and encrypts for every final recipient, whatever hop each is reached through. */
public final class Sealing {

    private final MessageSealer sealer;
    private final CertificateDirectory directory;
    private final Timer timer;

    public Sealing(MessageSealer sealer, CertificateDirectory directory, Timer timer) {
        this.sealer = sealer;
        this.directory = directory;
        this.timer = timer;
    }

    public OutgoingMessage seal(OutgoingMessage message) {
        return message.sealed(timer.record(() -> sealer.seal(message.header(), message.document(),
                directory.encryptionCertificates(message.finalRecipients()))));
    }
}
