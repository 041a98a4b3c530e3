package org.regionalexchange.node.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A client of a node's REST API for the command line, the demo and the drills: HTTPS trusting only the regional root
 * (the node's API certificate is its TLS certificate), HTTP Basic with one user.
 */
public final class ApiClient {

    /** A response's status code and body. */
    public record Response(int status, String body) {}

    /** Who signs in. */
    public record Credentials(String user, char[] password) {}

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;
    private final String authorization;

    /**
     * @param ca the regional root certificate (PEM) the node's certificate must chain to; null for plain HTTP
     */
    public ApiClient(String base, Path ca, Credentials credentials, Duration connectTimeout, Duration timeout) {
        this.base = URI.create(base.endsWith("/") ? base : base + "/");
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout);
        if (this.base.getScheme().equals("https")) {
            if (ca == null) {
                throw new IllegalArgumentException("an https API needs the regional root certificate to trust"
                        + " (ca.crt.pem of the PKI folder)");
            }
            builder.sslContext(trusting(ca));
        }
        this.http = builder.build();
        this.timeout = timeout;
        this.authorization = credentials == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (credentials.user() + ":" + new String(credentials.password())).getBytes(StandardCharsets.UTF_8));
    }

    public ApiClient(String base, Path ca, Credentials credentials) {
        this(base, ca, credentials, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    public URI base() {
        return base;
    }

    public Response get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    public Response post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response put(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    /** Sends a request built by the caller (other methods, headers), with this client's credentials. */
    public Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (java.net.ConnectException e) {
            throw new IOException("no node answers at " + base + ": is it running (`node run --config ...`)?", e);
        } catch (javax.net.ssl.SSLHandshakeException e) {
            throw new IOException("TLS with " + base + " failed (" + e.getMessage() + "): use https with the"
                    + " region's ca.crt.pem, or http when the node runs with node.http.tls=false", e);
        }
    }

    private static SSLContext trusting(Path ca) {
        try (InputStream in = Files.newInputStream(ca)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int n = 0;
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + n++, (X509Certificate) certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the regional root certificate " + ca + ": "
                    + e.getMessage(), e);
        }
    }
}
