package org.regionalexchange.node.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.RecipientInformationStore;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientId;
import org.regionalexchange.node.envelope.EnvelopeCodec;
import org.regionalexchange.node.envelope.InvalidJsonException;
import org.regionalexchange.node.envelope.OpenedMessage;
import org.regionalexchange.node.envelope.SealedEnvelope;
import org.regionalexchange.node.envelope.StrictJson;
import org.regionalexchange.node.failure.RejectReason;
import org.regionalexchange.node.failure.RejectedMessageException;
import org.regionalexchange.node.trust.NodeIdentity;
import org.regionalexchange.node.trust.RegionalTrust;

/**
 * Opens an envelope addressed to this node, in the order of DESIGN.md section 4: decrypt, verify the signature, trust
 * the signer at signing time, check revocation now, match the signer to the sender, match the clear header to the
 * signed one, check expiry. The first failed check decides the reason code. An envelope sealed for the encryption
 * certificate this node replaced at its last key rotation opens too, while the node keeps that key.
 */
public final class MessageOpener {

    private final NodeKeyring keys;
    private final RegionalTrust trust;
    private final SignatureVerifier verifier = new SignatureVerifier();
    private final Clock clock;
    private final StrictJson json;

    /** An opener under the default JSON limits, for the offline commands. */
    public MessageOpener(NodeKeyring keys, RegionalTrust trust, Clock clock) {
        this(keys, trust, clock, StrictJson.DEFAULT);
    }

    /** @param json how the envelope and the signed content are read, under the node's limits */
    public MessageOpener(NodeKeyring keys, RegionalTrust trust, Clock clock, StrictJson json) {
        this.keys = keys;
        this.trust = trust;
        this.clock = clock;
        this.json = json;
    }

    public OpenedMessage open(byte[] wire) {
        SealedEnvelope envelope = EnvelopeCodec.read(wire, json);
        String messageId = envelope.messageId();
        VerifiedContent verified = verifier.verify(decrypt(envelope, messageId), messageId);
        trust.check(verified.chain(), verified.signingTime(), messageId);
        String signer = NodeIdentity.of(verified.signer()).orElseThrow(() -> new RejectedMessageException(
                RejectReason.UNTRUSTED_SIGNER, messageId, "the signer certificate names no node id"));
        requireSigningCertificate(verified, messageId);
        JsonNode content = signedContent(verified.content(), messageId);
        ObjectNode signedHeader = signedPart(content, "header", messageId);
        JsonNode document = signedPart(content, "document", messageId);
        if (!signer.equals(signedHeader.path("sender").asText())) {
            throw new RejectedMessageException(RejectReason.SENDER_MISMATCH, messageId, "signed by " + signer
                    + " but the header names sender " + signedHeader.path("sender").asText());
        }
        if (!signedHeader.equals(envelope.header())) {
            throw new RejectedMessageException(RejectReason.HEADER_MISMATCH, messageId, signer,
                    "the clear routing header was changed after signing", null);
        }
        requireNotExpired(signedHeader, messageId, signer);
        return new OpenedMessage(signedHeader, document, signer, verified.signer(), verified.signingTime(),
                verified.content());
    }

    private byte[] decrypt(SealedEnvelope envelope, String messageId) {
        CMSAuthEnvelopedData enveloped;
        try {
            enveloped = new CMSAuthEnvelopedData(envelope.protectedContent());
        } catch (CMSException | RuntimeException e) {
            throw new RejectedMessageException(RejectReason.MALFORMED, messageId,
                    "the protected part is not a CMS AuthEnvelopedData", e);
        }
        RecipientInformationStore recipients = enveloped.getRecipientInfos();
        List<X509Certificate> certificates = keys.encryptionCertificates();
        for (X509Certificate certificate : certificates) {
            RecipientInformation mine = recipients.get(new JceKeyAgreeRecipientId(certificate));
            if (mine != null) {
                return content(mine, certificate, messageId);
            }
        }
        throw new RejectedMessageException(RejectReason.NOT_A_RECIPIENT, messageId,
                "not encrypted for " + keys.nodeId() + "'s encryption certificate" + (certificates.size() > 1
                        ? " nor the one it kept from before its last key rotation" : ""));
    }

    private byte[] content(RecipientInformation mine, X509Certificate sealedFor, String messageId) {
        try {
            return mine.getContent(keys.decryptor(sealedFor));
        } catch (CMSException | RuntimeException e) {
            throw new RejectedMessageException(RejectReason.DECRYPT_FAILED, messageId,
                    "decryption failed its integrity check", e);
        }
    }

    /** A TLS or encryption key of the same node must not be able to sign messages. */
    private static void requireSigningCertificate(VerifiedContent verified, String messageId) {
        boolean[] usage = verified.signer().getKeyUsage();
        if (usage == null || !usage[1]) {
            throw new RejectedMessageException(RejectReason.UNTRUSTED_SIGNER, messageId,
                    "signed with a certificate that is not a signing (nonRepudiation) certificate");
        }
    }

    private void requireNotExpired(ObjectNode header, String messageId, String signer) {
        if (!header.hasNonNull("expiresAt")) {
            return;
        }
        try {
            Instant expiresAt = Instant.parse(header.get("expiresAt").asText());
            if (expiresAt.isBefore(clock.instant())) {
                throw new RejectedMessageException(RejectReason.EXPIRED, messageId, signer,
                        "expired at " + expiresAt, null);
            }
        } catch (DateTimeParseException e) {
            throw new RejectedMessageException(RejectReason.MALFORMED, messageId, "expiresAt is not a time", e);
        }
    }

    /** Read strictly: a duplicate key would let the receiver see other values than those the sender checked. */
    private JsonNode signedContent(byte[] content, String messageId) {
        try {
            return json.read(content);
        } catch (InvalidJsonException e) {
            throw new RejectedMessageException(RejectReason.MALFORMED, messageId, "the signed content: "
                    + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends JsonNode> T signedPart(JsonNode root, String field, String messageId) {
        JsonNode part = root.get(field);
        if (part == null || !part.isObject() || root.size() != 2) {
            throw new RejectedMessageException(RejectReason.MALFORMED, messageId,
                    "the signed content is not {header, document}");
        }
        return (T) part;
    }
}
