package org.regionalexchange.node.crypto;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSVerifierCertificateNotValidException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.Selector;
import org.regionalexchange.node.failure.RejectReason;
import org.regionalexchange.node.failure.RejectedMessageException;

/**
 * Verifies a CMS SignedData with encapsulated content and exactly one signer whose certificate it carries, as the
 * node and {@code openssl cms -sign -nodetach} both produce. Trust in that certificate is decided elsewhere.
 */
public final class SignatureVerifier {

    /**
     * Certificates seen in messages, parsed once: the members' signing certificates are few and come back with every
     * message, and a verifier built once keeps the signer's public key in the form the elliptic-curve arithmetic has
     * already prepared (verifying with a fresh key object costs about twice as much).
     */
    private static final int KNOWN_CERTIFICATES = 512;

    private final Map<X509CertificateHolder, X509Certificate> certificates = new ConcurrentHashMap<>();
    private final Map<X509CertificateHolder, SignerInformationVerifier> verifiers = new ConcurrentHashMap<>();

    public VerifiedContent verify(byte[] signedData, String messageId) {
        CMSSignedData signed;
        try {
            signed = new CMSSignedData(signedData);
        } catch (CMSException | RuntimeException e) {
            throw new RejectedMessageException(RejectReason.MALFORMED, messageId, "not a CMS SignedData", e);
        }
        if (signed.getSignedContent() == null || signed.getSignerInfos().size() != 1) {
            throw new RejectedMessageException(RejectReason.MALFORMED, messageId,
                    "the SignedData must encapsulate its content and have exactly one signer");
        }
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = signed.getCertificates()
                .getMatches((Selector<X509CertificateHolder>) signer.getSID());
        if (matches.isEmpty()) {
            throw new RejectedMessageException(RejectReason.UNTRUSTED_SIGNER, messageId,
                    "the SignedData does not carry its signer's certificate");
        }
        X509CertificateHolder signerHolder = matches.iterator().next();
        X509Certificate certificate = certificate(signerHolder, messageId);
        try {
            if (!signer.verify(verifier(signerHolder, messageId))) {
                throw badSignature(messageId, null);
            }
        } catch (CMSVerifierCertificateNotValidException e) {
            throw new RejectedMessageException(RejectReason.CERT_EXPIRED, messageId, "certificate of "
                    + certificate.getSubjectX500Principal() + " was not valid at the signing time", e);
        } catch (CMSException | IllegalArgumentException e) {
            throw badSignature(messageId, e);
        }
        return new VerifiedContent((byte[]) signed.getSignedContent().getContent(),
                chain(certificate, signed, messageId), signingTime(signer, messageId));
    }

    private X509Certificate certificate(X509CertificateHolder holder, String messageId) {
        X509Certificate cached = certificates.get(holder);
        if (cached == null) {
            cached = convert(holder, messageId);
            remember(certificates, holder, cached);
        }
        return cached;
    }

    private SignerInformationVerifier verifier(X509CertificateHolder holder, String messageId) {
        SignerInformationVerifier cached = verifiers.get(holder);
        if (cached == null) {
            try {
                // Built from the holder, the verifier holds the provider's own key object, whose prepared form
                // is kept between messages; a key of another provider would be converted afresh on every use.
                cached = new JcaSimpleSignerInfoVerifierBuilder().setProvider(BouncyCastle.PROVIDER).build(holder);
            } catch (OperatorCreationException | CertificateException | IllegalArgumentException e) {
                throw badSignature(messageId, e);
            }
            remember(verifiers, holder, cached);
        }
        return cached;
    }

    private static <V> void remember(Map<X509CertificateHolder, V> cache, X509CertificateHolder holder, V value) {
        if (cache.size() >= KNOWN_CERTIFICATES) {
            cache.clear();
        }
        cache.put(holder, value);
    }

    private List<X509Certificate> chain(X509Certificate signer, CMSSignedData signed, String messageId) {
        List<X509Certificate> chain = new ArrayList<>(List.of(signer));
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> all = signed.getCertificates().getMatches(null);
        for (X509CertificateHolder holder : all) {
            X509Certificate certificate = certificate(holder, messageId);
            if (!certificate.equals(signer)) {
                chain.add(certificate);
            }
        }
        return chain;
    }

    private static Instant signingTime(SignerInformation signer, String messageId) {
        Attribute attribute = signer.getSignedAttributes() == null ? null
                : signer.getSignedAttributes().get(CMSAttributes.signingTime);
        if (attribute == null) {
            throw new RejectedMessageException(RejectReason.MALFORMED, messageId,
                    "the signature has no signing-time attribute");
        }
        return Time.getInstance(attribute.getAttrValues().getObjectAt(0)).getDate().toInstant();
    }

    private static X509Certificate convert(X509CertificateHolder holder, String messageId) {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new RejectedMessageException(RejectReason.MALFORMED, messageId, "unreadable certificate", e);
        }
    }

    private static RejectedMessageException badSignature(String messageId, Exception cause) {
        return new RejectedMessageException(RejectReason.BAD_SIGNATURE, messageId,
                "the signature does not match the signed content", cause);
    }
}
