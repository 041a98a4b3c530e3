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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The members' encryption certificates: as the member directory in force gives them, else read from a folder laid
 * out as {@code <NODE>/encryption.crt.pem} (the layout {@code certs region} and {@code certs install} write), which
 * serves a node before its first directory and offline sealing.
 */
public final class CertificateDirectory {

    private final Path folder;
    private final Function<String, Optional<X509Certificate>> published;
    private final java.util.function.BooleanSupplier directoryInForce;
    private final Map<String, X509Certificate> cache = new ConcurrentHashMap<>();

    /** @param folder the certificates folder, or null when only the directory gives certificates */
    public CertificateDirectory(Path folder) {
        this(folder, node -> Optional.empty(), () -> false);
    }

    /**
     * @param published a member's encryption certificate from the member directory in force; empty when it does not
     *     list the member or the certificate is revoked
     * @param directoryInForce whether a directory is in force: from then on it alone answers, and the folder is not read
     */
    public CertificateDirectory(Path folder, Function<String, Optional<X509Certificate>> published,
            java.util.function.BooleanSupplier directoryInForce) {
        this.folder = folder;
        this.published = published;
        this.directoryInForce = directoryInForce;
    }

    public X509Certificate encryptionCertificate(String nodeId) {
        Optional<X509Certificate> fromDirectory = published.apply(nodeId);
        if (fromDirectory.isPresent()) {
            return fromDirectory.get();
        }
        if (directoryInForce.getAsBoolean() || folder == null) {
            throw new UnknownRecipientException(nodeId, "the member directory in force does not list it, or its"
                    + " certificate there is revoked");
        }
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
            throw new UnknownRecipientException(nodeId, file + " cannot be read (" + e.getMessage() + ")");
        }
    }

    /** A recipient whose encryption certificate is not in the directory: nothing can be sealed for it. */
    public static final class UnknownRecipientException extends RuntimeException {
        UnknownRecipientException(String nodeId, String why) {
            super("no encryption certificate for " + nodeId + ": " + why
                    + "; add the member to the directory or remove it from the recipients");
        }
    }
}
