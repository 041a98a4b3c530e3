package org.regionalexchange.node.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.regionalexchange.node.envelope.EnvelopeCodec;
import org.regionalexchange.node.envelope.SealedEnvelope;

/**
 * Signs, then encrypts. The UTF-8 JSON of {@code {header, document}} is serialised once and signed as CMS SignedData
 * with the content encapsulated, so receivers verify the very bytes that were signed and no canonical JSON is
 * needed. The SignedData is then encrypted as AuthEnvelopedData with AES-256-GCM for each recipient and the sender
 * itself, each through its own ephemeral-static ECDH key agreement (one KeyAgreeRecipientInfo per recipient, the
 * form OpenSSL 3.0 reads).
 */
public final class MessageSealer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final NodeKeyring keys;
    private final Clock clock;

    public MessageSealer(NodeKeyring keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** @return the wire bytes of the sealed envelope */
    public byte[] seal(ObjectNode header, JsonNode document, Collection<X509Certificate> recipients) {
        ObjectNode content = JSON.createObjectNode();
        content.set("header", header);
        content.set("document", document);
        try {
            return envelope(header, sign(JSON.writeValueAsBytes(content)), recipients);
        } catch (IOException | CMSException | GeneralSecurityException | OperatorCreationException e) {
            throw new ProtectionSetupException("cannot seal message " + header.path("messageId").asText() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Encrypts an already signed SignedData for the recipients and the sender, beside the clear header. */
    byte[] envelope(ObjectNode header, byte[] signedData, Collection<X509Certificate> recipients)
            throws CMSException, IOException, GeneralSecurityException {
        Set<X509Certificate> readers = new LinkedHashSet<>(recipients);
        readers.add(keys.encryptionCertificate());
        return EnvelopeCodec.write(new SealedEnvelope(header.deepCopy(), encrypt(signedData, readers)));
    }

    /** CMS SignedData over the content, encapsulated, DER-encoded. */
    public byte[] sign(byte[] content) throws CMSException, IOException, GeneralSecurityException,
            OperatorCreationException {
        AttributeTable signingTime = new AttributeTable(new Attribute(CMSAttributes.signingTime,
                new DERSet(new Time(Date.from(clock.instant())))));
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build())
                .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(signingTime))
                .build(keys.signer(), keys.signingCertificate()));
        generator.addCertificates(new JcaCertStore(keys.signingChain()));
        CMSSignedData signed = generator.generate(new CMSProcessableByteArray(content), true);
        return signed.toASN1Structure().getEncoded(ASN1Encoding.DER);
    }

    private static byte[] encrypt(byte[] signed, Collection<X509Certificate> readers)
            throws CMSException, IOException, GeneralSecurityException {
        CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
        for (X509Certificate reader : readers) {
            KeyPair ephemeral = ephemeralKeyPair();
            generator.addRecipientInfoGenerator(new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF,
                    ephemeral.getPrivate(), ephemeral.getPublic(), CMSAlgorithm.AES256_WRAP)
                    .addRecipient(reader).setProvider(BouncyCastle.PROVIDER));
        }
        OutputAEADEncryptor encryptor = (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(
                CMSAlgorithm.AES256_GCM).setProvider(BouncyCastle.PROVIDER).build();
        return generator.generate(new CMSProcessableByteArray(signed), encryptor).toASN1Structure()
                .getEncoded(ASN1Encoding.DER);
    }

    private static KeyPair ephemeralKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BouncyCastle.PROVIDER);
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

}
