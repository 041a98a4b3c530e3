package org.regionalexchange.certs;

import java.io.IOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.regionalexchange.certs.RequestRefusedException.Rule;

/**
 * What the regional CA signs: a member's PKCS#10 request for one of its node's three certificates. A request states
 * its node in the subject CN and its purpose in the subject OU ({@code CN=UZ, OU=tls, O=regional-exchange}), and asks
 * for exactly the purpose's key usages in an extension request; anything else is refused with the rule it breaks.
 */
public final class RequestPolicy {

    /** The extensions a request may ask for; the CA sets names and key identifiers itself. */
    private static final Set<ASN1ObjectIdentifier> REQUESTABLE = Set.of(Extension.keyUsage,
            Extension.extendedKeyUsage, Extension.basicConstraints);

    private static final Map<Integer, String> KEY_USAGE_NAMES = keyUsageNames();

    private RequestPolicy() {}

    /**
     * A request that passed every rule: the CA may certify its key for this node and purpose.
     *
     * @param source where the request came from, e.g. its file, for messages and the CA's output
     */
    public record AcceptedRequest(String source, String nodeId, CertificatePurpose purpose, PublicKey publicKey) {}

    /**
     * Checks a request against the policy.
     *
     * @param source names the request in a refusal, e.g. its file name
     * @param expectedNode the node the CA operator means to sign for, if named: a request for any other is refused
     * @throws RequestRefusedException naming the request and the first rule it breaks
     */
    public static AcceptedRequest check(PKCS10CertificationRequest request, String source,
            Optional<String> expectedNode) {
        requireProofOfPossession(request, source);
        Map<ASN1ObjectIdentifier, String> subject = subject(request, source);
        String nodeId = nodeId(subject.get(BCStyle.CN), source, expectedNode);
        CertificatePurpose purpose = purpose(subject.get(BCStyle.OU), source);
        PublicKey publicKey = requireKeyType(request.getSubjectPublicKeyInfo(), purpose, source);
        requireUsages(request, purpose, source);
        return new AcceptedRequest(source, nodeId, purpose, publicKey);
    }

    /** Reads a PEM certificate request, refusing a file that holds anything else. */
    public static PKCS10CertificationRequest read(java.nio.file.Path file) {
        Object object = PkiFiles.readPem(file, "certificate request");
        if (!(object instanceof PKCS10CertificationRequest request)) {
            throw new RequestRefusedException(file.toString(), Rule.FORMAT, "it holds a "
                    + object.getClass().getSimpleName() + ", not a CERTIFICATE REQUEST: send the .csr.pem files "
                    + "`certs request` wrote");
        }
        return request;
    }

    private static void requireProofOfPossession(PKCS10CertificationRequest request, String source) {
        PublicKey key;
        try {
            key = new JcaPEMKeyConverter().getPublicKey(request.getSubjectPublicKeyInfo());
        } catch (IOException | RuntimeException e) {
            throw new RequestRefusedException(source, Rule.KEY_TYPE, "its key is "
                    + describe(request.getSubjectPublicKeyInfo()) + " and cannot be read (" + e.getMessage()
                    + "): node keys are EC P-256, as `certs request` makes them");
        }
        boolean valid;
        try {
            valid = request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
        } catch (Exception e) {
            throw new RequestRefusedException(source, Rule.PROOF_OF_POSSESSION,
                    "its signature cannot be checked (" + e.getMessage() + "): ask the member to make it again "
                            + "with `certs request`");
        }
        if (!valid) {
            throw new RequestRefusedException(source, Rule.PROOF_OF_POSSESSION,
                    "its signature does not verify with the key it asks to certify, so it was not made by the "
                            + "holder of that key or was altered on the way: ask the member to send it again");
        }
    }

    private static Map<ASN1ObjectIdentifier, String> subject(PKCS10CertificationRequest request, String source) {
        Map<ASN1ObjectIdentifier, String> values = new LinkedHashMap<>();
        for (RDN rdn : request.getSubject().getRDNs()) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                ASN1ObjectIdentifier type = attribute.getType();
                if (!type.equals(BCStyle.CN) && !type.equals(BCStyle.OU) && !type.equals(BCStyle.O)) {
                    throw new RequestRefusedException(source, Rule.SUBJECT, "subject " + request.getSubject()
                            + " has " + BCStyle.INSTANCE.oidToDisplayName(type) + ": it may hold only CN (node id), "
                            + "OU (purpose) and O=" + CertificateAuthority.ORGANISATION);
                }
                if (values.put(type, IETFUtils.valueToString(attribute.getValue())) != null) {
                    throw new RequestRefusedException(source, Rule.SUBJECT, "subject " + request.getSubject()
                            + " has more than one " + BCStyle.INSTANCE.oidToDisplayName(type));
                }
            }
        }
        String organisation = values.get(BCStyle.O);
        if (organisation != null && !organisation.equals(CertificateAuthority.ORGANISATION)) {
            throw new RequestRefusedException(source, Rule.SUBJECT, "subject O is '" + organisation + "': it must be "
                    + CertificateAuthority.ORGANISATION + " or left out");
        }
        return values;
    }

    private static String nodeId(String requested, String source, Optional<String> expectedNode) {
        if (requested == null) {
            throw new RequestRefusedException(source, Rule.NODE_ID, "the subject has no CN: it must be the node id");
        }
        try {
            NodeIds.requireValid(requested);
        } catch (IllegalArgumentException e) {
            throw new RequestRefusedException(source, Rule.NODE_ID, "subject CN " + e.getMessage());
        }
        if (expectedNode.isPresent() && !expectedNode.get().equals(requested)) {
            throw new RequestRefusedException(source, Rule.NODE_ID, "it is for node " + requested + ", not "
                    + expectedNode.get() + " named by --node: sign each member's requests with its own --node");
        }
        return requested;
    }

    private static CertificatePurpose purpose(String requested, String source) {
        if (requested == null) {
            throw new RequestRefusedException(source, Rule.PURPOSE,
                    "the subject has no OU: it must state the purpose, tls, signing or encryption");
        }
        for (CertificatePurpose purpose : CertificatePurpose.values()) {
            if (purpose.alias().equals(requested)) {
                return purpose;
            }
        }
        throw new RequestRefusedException(source, Rule.PURPOSE, "subject OU '" + requested
                + "' is not a purpose: a node has only tls, signing and encryption certificates");
    }

    private static PublicKey requireKeyType(SubjectPublicKeyInfo key, CertificatePurpose purpose, String source) {
        AlgorithmIdentifier algorithm = key.getAlgorithm();
        boolean p256 = algorithm.getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)
                && X9ObjectIdentifiers.prime256v1.equals(algorithm.getParameters());
        if (!p256) {
            throw new RequestRefusedException(source, Rule.KEY_TYPE, "its key is " + describe(key) + ": the "
                    + purpose.alias() + " key must be EC P-256 (secp256r1), as `certs request` makes it");
        }
        try {
            return new JcaPEMKeyConverter().getPublicKey(key);
        } catch (IOException | RuntimeException e) {
            throw new RequestRefusedException(source, Rule.KEY_TYPE, "its EC P-256 key cannot be read ("
                    + e.getMessage() + ")");
        }
    }

    private static String describe(SubjectPublicKeyInfo key) {
        ASN1ObjectIdentifier algorithm = key.getAlgorithm().getAlgorithm();
        try {
            if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
                return "RSA " + RSAPublicKey.getInstance(key.parsePublicKey()).getModulus().bitLength() + "-bit";
            }
            if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
                Object parameters = key.getAlgorithm().getParameters();
                String curve = parameters instanceof ASN1ObjectIdentifier oid
                        ? Optional.ofNullable(ECNamedCurveTable.getName(oid)).orElse(oid.getId())
                        : "explicit parameters";
                return "EC on curve " + curve;
            }
        } catch (IOException | RuntimeException e) {
            return "an unreadable " + algorithm.getId() + " key";
        }
        return "of algorithm " + algorithm.getId();
    }

    private static void requireUsages(PKCS10CertificationRequest request, CertificatePurpose purpose, String source) {
        Attribute[] attributes = request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest);
        if (attributes.length == 0) {
            throw new RequestRefusedException(source, Rule.USAGES, "it requests no key usage: a " + purpose.alias()
                    + " request asks for " + expected(purpose));
        }
        if (attributes.length > 1 || attributes[0].getAttrValues().size() != 1) {
            throw new RequestRefusedException(source, Rule.USAGES, "it has more than one extension request");
        }
        Extensions extensions = Extensions.getInstance(attributes[0].getAttrValues().getObjectAt(0));
        for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
            if (!REQUESTABLE.contains(oid)) {
                throw new RequestRefusedException(source, Rule.USAGES, "it asks for extension " + oid.getId()
                        + ", which a request may not set: only key usage, extended key usage and basic constraints "
                        + "(the CA sets names and key identifiers itself)");
            }
        }
        BasicConstraints constraints = BasicConstraints.fromExtensions(extensions);
        if (constraints != null && constraints.isCA()) {
            throw new RequestRefusedException(source, Rule.USAGES,
                    "it asks to be a CA: node certificates never are (only the regional root signs certificates)");
        }
        KeyUsage keyUsage = KeyUsage.fromExtensions(extensions);
        int requested = keyUsage == null ? 0 : ASN1BitString.getInstance(keyUsage.toASN1Primitive()).intValue();
        int allowed = ASN1BitString.getInstance(purpose.keyUsage().toASN1Primitive()).intValue();
        if (requested != allowed) {
            List<String> extra = usageNames(requested & ~allowed);
            List<String> missing = usageNames(allowed & ~requested);
            throw new RequestRefusedException(source, Rule.USAGES, "it asks for key usage " + usageNames(requested)
                    + (extra.isEmpty() ? "" : ", with " + extra + " not allowed")
                    + (missing.isEmpty() ? "" : ", without " + missing) + ": a " + purpose.alias()
                    + " request asks for " + expected(purpose));
        }
        ExtendedKeyUsage extended = ExtendedKeyUsage.fromExtensions(extensions);
        Set<KeyPurposeId> requestedExtended = extended == null ? Set.of() : new HashSet<>(List.of(extended.getUsages()));
        if (!requestedExtended.equals(Set.copyOf(purpose.extendedKeyUsages()))) {
            List<String> names = new ArrayList<>();
            requestedExtended.forEach(usage -> names.add(usage.getId()));
            throw new RequestRefusedException(source, Rule.USAGES, "it asks for extended key usage "
                    + (names.isEmpty() ? "none" : names.stream().sorted().toList()) + ": a " + purpose.alias()
                    + " request asks for " + expected(purpose));
        }
    }

    /** What a request of this purpose asks for, in words for messages. */
    static String expected(CertificatePurpose purpose) {
        int bits = ASN1BitString.getInstance(purpose.keyUsage().toASN1Primitive()).intValue();
        String extended = switch (purpose) {
            case TLS -> " and extended key usage serverAuth, clientAuth";
            case SIGNING, ENCRYPTION -> " and no extended key usage";
        };
        return "key usage " + usageNames(bits) + extended + ", no CA flag";
    }

    private static List<String> usageNames(int bits) {
        List<String> names = new ArrayList<>();
        KEY_USAGE_NAMES.forEach((bit, name) -> {
            if ((bits & bit) != 0) {
                names.add(name);
            }
        });
        return names;
    }

    private static Map<Integer, String> keyUsageNames() {
        Map<Integer, String> names = new LinkedHashMap<>();
        names.put(KeyUsage.digitalSignature, "digitalSignature");
        names.put(KeyUsage.nonRepudiation, "nonRepudiation");
        names.put(KeyUsage.keyEncipherment, "keyEncipherment");
        names.put(KeyUsage.dataEncipherment, "dataEncipherment");
        names.put(KeyUsage.keyAgreement, "keyAgreement");
        names.put(KeyUsage.keyCertSign, "keyCertSign");
        names.put(KeyUsage.cRLSign, "cRLSign");
        names.put(KeyUsage.encipherOnly, "encipherOnly");
        names.put(KeyUsage.decipherOnly, "decipherOnly");
        return names;
    }
}
