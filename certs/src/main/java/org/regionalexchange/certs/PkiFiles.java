package org.regionalexchange.certs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** Reads and writes the PKI's files: PKCS#12 keystores the JDK and Artemis read, PEM files OpenSSL reads. */
final class PkiFiles {

    private PkiFiles() {}

    static void writeKeystore(Path file, char[] password, List<IssuedCredential> credentials) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (IssuedCredential credential : credentials) {
                store.setKeyEntry(credential.purpose().alias(), credential.privateKey(), password,
                        credential.chain().toArray(X509Certificate[]::new));
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password);
            }
            restrict(file);
        } catch (IOException | GeneralSecurityException e) {
            throw new PkiException("cannot write keystore " + file + ": " + e.getMessage(), e);
        }
    }

    static void writeTruststore(Path file, char[] password, X509Certificate root) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("regional-root", root);
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new PkiException("cannot write truststore " + file + ": " + e.getMessage(), e);
        }
    }

    static KeyStore readKeystore(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new PkiException("cannot read keystore " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes key entries, each under its alias with its chain (leaf first), into a new PKCS#12 file. The file is
     * replaced in one step, so a failed write leaves the keystore that was there (a node's installed keys) whole.
     */
    static void writeKeyEntries(Path file, char[] password, Map<String, KeyStore.PrivateKeyEntry> entries) {
        Path written = file.resolveSibling(file.getFileName() + ".new");
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (Map.Entry<String, KeyStore.PrivateKeyEntry> entry : entries.entrySet()) {
                store.setKeyEntry(entry.getKey(), entry.getValue().getPrivateKey(), password,
                        entry.getValue().getCertificateChain());
            }
            try (OutputStream out = Files.newOutputStream(written)) {
                restrict(written);
                store.store(out, password);
            }
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | GeneralSecurityException e) {
            try {
                Files.deleteIfExists(written);
            } catch (IOException ignored) {
                // The message below names the keystore; a stray .new file beside it holds nothing in use.
            }
            throw new PkiException("cannot write keystore " + file + ": " + e.getMessage(), e);
        }
    }

    /** The one PEM object in a file (certificate, CRL or certificate request), as Bouncy Castle parses it. */
    static Object readPem(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new PkiException("no " + what + " at " + file + ": check the path");
        }
        try (PEMParser parser = new PEMParser(Files.newBufferedReader(file, StandardCharsets.US_ASCII))) {
            Object object = parser.readObject();
            if (object == null) {
                throw new PkiException(file + " holds no PEM object: expected a PEM " + what);
            }
            return object;
        } catch (IOException e) {
            throw new PkiException("cannot read " + file + " as a PEM " + what + ": " + e.getMessage(), e);
        }
    }

    static X509Certificate readCertificate(Path file) {
        Object object = readPem(file, "certificate");
        if (!(object instanceof X509CertificateHolder holder)) {
            throw new PkiException(file + " is not a PEM certificate (it holds "
                    + object.getClass().getSimpleName() + ")");
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new PkiException("cannot read the certificate in " + file + ": " + e.getMessage(), e);
        }
    }

    static X509CRL readCrl(Path file) {
        Object object = readPem(file, "CRL");
        if (!(object instanceof X509CRLHolder holder)) {
            throw new PkiException(file + " is not a PEM CRL (it holds " + object.getClass().getSimpleName() + ")");
        }
        try {
            return new JcaX509CRLConverter().getCRL(holder);
        } catch (CRLException e) {
            throw new PkiException("cannot read the CRL in " + file + ": " + e.getMessage(), e);
        }
    }

    static void writePem(Path file, Object object) {
        try (StringWriter text = new StringWriter(); JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(object instanceof PrivateKey key ? new JcaPKCS8Generator(key, null) : object);
            pem.flush();
            Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
            if (object instanceof PrivateKey) {
                restrict(file);
            }
        } catch (IOException e) {
            throw new PkiException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static void writeCrl(Path directory, X509CRL crl) {
        writePem(directory.resolve("crl.pem"), crl);
        try {
            Files.write(directory.resolve("crl.der"), crl.getEncoded());
        } catch (IOException | GeneralSecurityException e) {
            throw new PkiException("cannot write the CRL to " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Owner-only access where the file system supports it: these files hold private keys or their password. */
    static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the folder's own permissions apply.
        }
    }
}
