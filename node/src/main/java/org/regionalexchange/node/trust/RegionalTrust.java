package org.regionalexchange.node.trust;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.regionalexchange.node.failure.RejectReason;
import org.regionalexchange.node.failure.RejectedMessageException;

/**
 * Decides whether a signer certificate is one the region trusts: a path to the regional root valid at signing time,
 * and not on the current CRL. Path validation uses the signing time so that a message signed before a certificate
 * expired still verifies later; revocation uses the current CRL so that a compromised key stops being trusted at once.
 * The CRL file is re-read when it changes; a CRL not signed by the root is refused. A CRL published in the member
 * directory ({@link #publish}) replaces the file's when it is newer, so a revocation reaches every node with the
 * directory and no file is copied.
 */
public final class RegionalTrust {

    private final X509Certificate root;
    private final Path crlFile;
    private X509CRL crl;
    private FileTime crlModified;
    private X509CRL published;

    private RegionalTrust(X509Certificate root, Path crlFile) {
        this.root = root;
        this.crlFile = crlFile;
    }

    public static RegionalTrust fromFiles(Path rootPem, Path crlFile) {
        RegionalTrust trust = new RegionalTrust(readCertificate(rootPem), crlFile);
        trust.currentCrl();
        return trust;
    }

    public X509Certificate root() {
        return root;
    }

    /**
     * @param chain the signer first, then any intermediates the message carried
     * @throws RejectedMessageException CERT_EXPIRED, UNTRUSTED_SIGNER or CERT_REVOKED
     */
    public void check(List<X509Certificate> chain, Instant signingTime, String messageId) {
        X509Certificate signer = chain.get(0);
        try {
            signer.checkValidity(Date.from(signingTime));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new RejectedMessageException(RejectReason.CERT_EXPIRED, messageId, "certificate of "
                    + signer.getSubjectX500Principal() + " was not valid at signing time " + signingTime);
        }
        validatePath(chain, signingTime, messageId);
        if (currentCrl().isRevoked(signer)) {
            throw new RejectedMessageException(RejectReason.CERT_REVOKED, messageId, "certificate serial "
                    + signer.getSerialNumber().toString(16) + " of " + signer.getSubjectX500Principal()
                    + " is revoked");
        }
    }

    /** When the issuer promised the next CRL; past it, revocations published since may be missing here. */
    public Instant crlNextUpdate() {
        return currentCrl().getNextUpdate().toInstant();
    }

    /** Whether a certificate is on the current CRL; used for TLS peers too. */
    public boolean isRevoked(X509Certificate certificate) {
        return currentCrl().isRevoked(certificate);
    }

    /**
     * Takes a CRL published in the member directory: used from now on when it is newer than the one in use.
     *
     * @return whether it replaced the one in use
     * @throws IllegalArgumentException when the regional root did not sign it
     */
    public synchronized boolean publish(X509CRL candidate) {
        try {
            candidate.verify(root.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the CRL issued by " + candidate.getIssuerX500Principal()
                    + " is not signed by the regional root (" + e.getMessage() + ")", e);
        }
        if (!isNewer(candidate, currentCrl())) {
            return false;
        }
        published = candidate;
        return true;
    }

    /**
     * Whether one CRL of the root is newer than another: by CRL number when both carry one (two CRLs signed in the
     * same second differ only there), else by thisUpdate.
     */
    public static boolean isNewer(X509CRL candidate, X509CRL than) {
        java.math.BigInteger a = crlNumber(candidate);
        java.math.BigInteger b = crlNumber(than);
        if (a != null && b != null) {
            return a.compareTo(b) > 0;
        }
        return candidate.getThisUpdate().after(than.getThisUpdate());
    }

    private static java.math.BigInteger crlNumber(X509CRL crl) {
        byte[] value = crl.getExtensionValue(org.bouncycastle.asn1.x509.Extension.cRLNumber.getId());
        if (value == null) {
            return null;
        }
        try {
            return org.bouncycastle.asn1.ASN1Integer.getInstance(
                    org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils.parseExtensionValue(value)).getValue();
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The CRL in use: the newer of the CRL file and the one published in the directory. */
    public X509CRL crl() {
        return currentCrl();
    }

    /**
     * Why the region would not trust a certificate at a time: no path to the root then, or revoked now.
     *
     * @return the reason, or empty when it is trusted
     */
    public Optional<String> untrusted(X509Certificate certificate, Instant at) {
        try {
            certificate.checkValidity(Date.from(at));
            validatePath(List.of(certificate), at, null);
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            return Optional.of("is not valid at " + at + " (valid " + certificate.getNotBefore().toInstant() + " to "
                    + certificate.getNotAfter().toInstant() + ")");
        } catch (RejectedMessageException e) {
            return Optional.of(e.getMessage());
        }
        if (isRevoked(certificate)) {
            return Optional.of("serial " + certificate.getSerialNumber().toString(16) + " is revoked");
        }
        return Optional.empty();
    }

    private void validatePath(List<X509Certificate> chain, Instant at, String messageId) {
        try {
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            List<X509Certificate> path = new ArrayList<>(chain);
            path.removeIf(root::equals);
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
        } catch (CertPathValidatorException e) {
            throw new RejectedMessageException(RejectReason.UNTRUSTED_SIGNER, messageId, "no path from "
                    + chain.get(0).getSubjectX500Principal() + " to the regional root: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PKIX validation is unavailable in this Java runtime", e);
        }
    }

    private synchronized X509CRL currentCrl() {
        try {
            FileTime modified = Files.getLastModifiedTime(crlFile);
            if (crl == null || !modified.equals(crlModified)) {
                X509CRL fresh;
                try (InputStream in = Files.newInputStream(crlFile)) {
                    fresh = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
                }
                fresh.verify(root.getPublicKey());
                crl = fresh;
                crlModified = modified;
            }
            return published != null && isNewer(published, crl) ? published : crl;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot use the CRL " + crlFile + ": " + e.getMessage()
                    + " (publish a CRL signed by the regional root with `certs crl`)", e);
        }
    }

    private static X509Certificate readCertificate(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the regional root certificate " + pem + ": "
                    + e.getMessage(), e);
        }
    }
}
