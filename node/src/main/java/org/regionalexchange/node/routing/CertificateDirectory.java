package org.regionalexchange.node.routing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The members' encryption certificates, read from a folder laid out as {@code <NODE>/encryption.crt.pem} (the layout
 * {@code certs region} writes). Stands in for the signed directory CARICC will distribute.
 */
public final class CertificateDirectory {

    private final Path folder;
    private final Map<String, X509Certificate> cache = new ConcurrentHashMap<>();

    public CertificateDirectory(Path folder) {
        this.folder = folder;
    }

    public X509Certificate encryptionCertificate(String nodeId) {
        return cache.computeIfAbsent(nodeId, this::read);
    }

    public List<X509Certificate> encryptionCertificates(Collection<String> nodeIds) {
        List<X509Certificate> certificates = new ArrayList<>();
        nodeIds.forEach(id -> certificates.add(encryptionCertificate(id)));
        return certificates;
    }

    private X509Certificate read(String nodeId) {
        Path file = folder.resolve(nodeId).resolve("encryption.crt.pem");
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | CertificateException e) {
            throw new UnknownRecipientException(nodeId, file, e);
        }
    }

    /** A recipient whose encryption certificate is not in the directory: nothing can be sealed for it. */
    public static final class UnknownRecipientException extends RuntimeException {
        UnknownRecipientException(String nodeId, Path file, Exception cause) {
            super("no encryption certificate for " + nodeId + " at " + file
                    + ": add the member to the directory or remove it from the recipients", cause);
        }
    }
}
