package org.regionalexchange.node.broker;

import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.api.jms.JMSFactoryType;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * JMS connection factories for this node's clients: in-VM to its own broker, and mutual TLS 1.3 to a peer's broker
 * presenting this node's TLS certificate. Secrets go in transport parameters, never in URLs that get logged.
 */
public final class PeerConnections {

    private PeerConnections() {}

    public static ActiveMQConnectionFactory internal(String inVmUrl, InternalCredentials credentials) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(inVmUrl, credentials.user(),
                credentials.password());
        factory.setCacheDestinations(true);
        // No client-side buffer: with competing transacted consumers, a message the broker pushed to one consumer's
        // buffer would wait there instead of going to the consumer that is free.
        factory.setConsumerWindowSize(0);
        return factory;
    }

    /**
     * A factory that fails fast when the peer is down (one connect attempt, no reconnect loop): the outbox's
     * redelivery back-off, not the client, decides when to try again.
     *
     * @param tlsKeystore this node's TLS key and certificate, or null for a client without a certificate
     */
    public static ActiveMQConnectionFactory peer(String host, int port, Path tlsKeystore, Path truststore,
            char[] password) {
        Map<String, Object> params = new HashMap<>();
        params.put(TransportConstants.HOST_PROP_NAME, host);
        params.put(TransportConstants.PORT_PROP_NAME, port);
        params.put(TransportConstants.SSL_ENABLED_PROP_NAME, true);
        params.put(TransportConstants.ENABLED_PROTOCOLS_PROP_NAME, "TLSv1.3");
        params.put(TransportConstants.VERIFY_HOST_PROP_NAME, true);
        if (tlsKeystore != null) {
            params.put(TransportConstants.KEYSTORE_TYPE_PROP_NAME, "PKCS12");
            params.put(TransportConstants.KEYSTORE_PATH_PROP_NAME, tlsKeystore.toString());
            params.put(TransportConstants.KEYSTORE_PASSWORD_PROP_NAME, new String(password));
        }
        params.put(TransportConstants.TRUSTSTORE_TYPE_PROP_NAME, "PKCS12");
        params.put(TransportConstants.TRUSTSTORE_PATH_PROP_NAME, truststore.toString());
        params.put(TransportConstants.TRUSTSTORE_PASSWORD_PROP_NAME, new String(password));
        ActiveMQConnectionFactory factory = ActiveMQJMSClient.createConnectionFactoryWithoutHA(JMSFactoryType.CF,
                new TransportConfiguration(NettyConnectorFactory.class.getName(), params));
        factory.setInitialConnectAttempts(1);
        factory.setReconnectAttempts(0);
        factory.setCallTimeout(10_000);
        factory.setCacheDestinations(true);
        return factory;
    }

    public static ConnectionFactory local(String host, int port, Path truststore, char[] truststorePassword) {
        return peer(host, port, null, truststore, truststorePassword);
    }
}
