package org.regionalexchange.node.app.wiring;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.regionalexchange.node.app.wiring.NodeSettings.BrokerSettings;
import org.regionalexchange.node.app.wiring.NodeSettings.DatabaseSettings;
import org.regionalexchange.node.app.wiring.NodeSettings.PeerSettings;
import org.regionalexchange.node.app.wiring.NodeSettings.PkiSettings;
import org.regionalexchange.node.broker.EmbeddedBroker;
import org.regionalexchange.node.envelope.JsonLimits;
import org.regionalexchange.node.rules.MessageRules;
import org.regionalexchange.node.rules.VersionRules;
import org.regionalexchange.schemas.SchemaVersion;

/**
 * Reads the {@code node.*} keys of an {@code application.properties} into {@link NodeSettings}.
 * Every problem is reported as a {@link SettingsException} naming the key and the fix, before anything starts.
 */
public final class SettingsReader {

    public static final String KEYSTORE_PASSWORD_ENV = "NODE_KEYSTORE_PASSWORD";
    public static final String DB_PASSWORD_ENV = "NODE_DB_PASSWORD";
    public static final List<String> DEFAULT_REGION = List.of("CARICC", "KZ", "KG", "TJ", "TM", "UZ");

    /** Below this a receipt or an audit checkpoint, with its certificates, might not fit. */
    static final long MIN_MESSAGE_BYTES = 65_536;

    private static final Pattern NODE_ID = Pattern.compile("^[A-Z][A-Z0-9-]{1,15}$");

    private final Properties properties;
    private final Function<String, String> environment;

    public SettingsReader(Properties properties, Function<String, String> environment) {
        this.properties = properties;
        this.environment = environment;
    }

    public static NodeSettings read(Path file) {
        return new SettingsReader(load(file), System::getenv).read();
    }

    /** The file's {@code camel.*} keys, handed to camel-main as they are. */
    public static Map<String, String> camelProperties(Path file) {
        Map<String, String> camel = new LinkedHashMap<>();
        load(file).forEach((key, value) -> {
            if (key.toString().startsWith("camel.")) {
                camel.put(key.toString(), value.toString());
            }
        });
        return camel;
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new SettingsException("--config", "cannot read " + file + ": " + e.getMessage(),
                    "pass the path of the node's application.properties");
        }
        return properties;
    }

    public NodeSettings read() {
        String nodeId = nodeId("node.id", required("node.id", "set it to this node's id, e.g. node.id=KZ"));
        Path dataDir = path("node.data-dir", required("node.data-dir", "set a folder for the journal and database"));
        List<String> region = nodeIds("node.region", optional("node.region").orElse(String.join(",", DEFAULT_REGION)));
        String hub = nodeId("node.hub", optional("node.hub").orElse("CARICC"));
        PkiSettings pki = pki(nodeId);
        JsonLimits limits = limits();
        return new NodeSettings(nodeId, hub, region, dataDir, broker(dataDir), pki, database(dataDir),
                http(dataDir, limits), peers(nodeId), delivery(), links(),
                duration("node.audit.anchor-interval", optional("node.audit.anchor-interval").orElse("PT5S")),
                duration("node.audit.checkpoint-interval",
                        optional("node.audit.checkpoint-interval").orElse("PT5M")), limits, rules(),
                picture(nodeId.equals(hub)), optional("node.organisation").map(String::strip).orElse(nodeId),
                directory());
    }

    private NodeSettings.DirectorySettings directory() {
        Duration lifetime = duration("node.directory.lifetime", optional("node.directory.lifetime").orElse("P7D"));
        Duration checkEvery = duration("node.directory.check-every",
                optional("node.directory.check-every").orElse("PT1M"));
        if (lifetime.compareTo(checkEvery.multipliedBy(4)) < 0) {
            throw new SettingsException("node.directory.lifetime", lifetime + " is shorter than four checks ("
                    + checkEvery + " each)", "set node.directory.lifetime to days, or check more often");
        }
        Path caDir = optional("node.directory.ca-dir").map(value -> path("node.directory.ca-dir", value))
                .orElse(null);
        if (caDir != null && !(java.nio.file.Files.isRegularFile(caDir.resolve("keystore.pass"))
                && java.nio.file.Files.isDirectory(caDir.resolve("ca")))) {
            throw new SettingsException("node.directory.ca-dir", caDir + " is not a regional CA's folder (no ca/ and"
                    + " keystore.pass)", "point it at the folder `certs region` or `certs sign` uses, or leave it out"
                    + " and run `certs crl` before the CRL's nextUpdate");
        }
        Duration refreshBefore = duration("node.directory.crl-refresh-before",
                optional("node.directory.crl-refresh-before").orElse("P2D"));
        return new NodeSettings.DirectorySettings(lifetime, checkEvery, caDir, refreshBefore);
    }

    private NodeSettings.PictureSettings picture(boolean hub) {
        String enabled = optional("node.picture.first-sighting").orElse(Boolean.toString(hub));
        if (!enabled.equals("true") && !enabled.equals("false")) {
            throw new SettingsException("node.picture.first-sighting", "'" + enabled + "' is not true or false",
                    "leave it out (the hub alerts first sightings, country nodes do not), or set true or false");
        }
        String upTo = optional("node.picture.first-sighting.automatic-up-to").orElse("AMBER");
        if (!org.regionalexchange.node.units.Tlp.CODES.contains(upTo)) {
            throw new SettingsException("node.picture.first-sighting.automatic-up-to", "'" + upTo + "' is not one of"
                    + " the handling codes " + org.regionalexchange.node.units.Tlp.CODES,
                    "leave it out for AMBER (notices marked AMBER+STRICT or RED are held for an analyst)");
        }
        Duration lifetime = duration("node.picture.first-sighting.alert-lifetime",
                optional("node.picture.first-sighting.alert-lifetime").orElse("P90D"));
        Path known = optional("node.picture.known-substances").map(value -> path("node.picture.known-substances",
                value)).orElse(null);
        return new NodeSettings.PictureSettings(enabled.equals("true"), upTo, lifetime, known);
    }

    private JsonLimits limits() {
        JsonLimits defaults = JsonLimits.DEFAULT;
        return new JsonLimits(
                count("node.limits.message-bytes", defaults.maxBytes(), MIN_MESSAGE_BYTES, Integer.MAX_VALUE,
                        "bytes"),
                (int) count("node.limits.json-depth", defaults.maxDepth(), 8, JsonLimits.DEPTH_CEILING, "levels"),
                (int) count("node.limits.string-length", defaults.maxStringLength(), 1_000, Integer.MAX_VALUE,
                        "characters"),
                (int) count("node.limits.array-length", defaults.maxArrayLength(), 100, Integer.MAX_VALUE,
                        "elements"));
    }

    /** A whole number within bounds, or its default when the key is not set. */
    private long count(String key, long defaultValue, long min, long max, String unit) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            long number = Long.parseLong(value.get().replace("_", ""));
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SettingsException(key, "'" + value.get() + "' is not a number of " + unit + " from " + min
                + " to " + max, "leave it out for the default " + defaultValue + ", or set e.g. " + key + "="
                + defaultValue);
    }

    /** A submission's body is smaller than the message sealed from it, so the message limit also bounds the body. */
    private NodeSettings.HttpSettings http(Path dataDir, JsonLimits limits) {
        String tls = optional("node.http.tls").orElse("true");
        if (!tls.equals("true") && !tls.equals("false")) {
            throw new SettingsException("node.http.tls", "'" + tls + "' is not true or false",
                    "leave it out for HTTPS with the node's TLS certificate, or set false for plain HTTP on loopback");
        }
        String host = optional("node.http.host").orElse("127.0.0.1");
        if (tls.equals("false") && !host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("::1")) {
            throw new SettingsException("node.http.tls", "is false while node.http.host is " + host,
                    "plain HTTP carries passwords in clear: keep node.http.tls=true, or listen on 127.0.0.1 only");
        }
        return new NodeSettings.HttpSettings(host,
                port("node.http.port", optional("node.http.port").orElse("8080"), false), tls.equals("true"),
                path("node.http.users-file", optional("node.http.users-file")
                        .orElse(dataDir.resolve("api-users").toString())),
                limits.maxBytes());
    }

    private NodeSettings.RulesSettings rules() {
        Duration tolerance = duration("node.rules.clock-tolerance",
                optional("node.rules.clock-tolerance").orElse(MessageRules.DEFAULT_CLOCK_TOLERANCE.toString()));
        // Below the inbox's delivery limit, after which the broker parks a copy as dead instead of quarantining it.
        int attempts = (int) count("node.rules.reference-attempts", 10, 1,
                EmbeddedBroker.INBOX_DELIVERY_ATTEMPTS - 1, "deliveries");
        String highest = optional("node.schemas.highest").orElse(null);
        if (highest != null) {
            schemaVersion("node.schemas.highest", highest, "leave it out to read and write every schema version"
                    + " this release carries, or name one of them, e.g. 1-0-0");
        }
        String assumed = optional("node.schemas.members-assumed").orElse(VersionRules.FIRST_RELEASE);
        schemaVersion("node.schemas.members-assumed", assumed, "leave it out to take members that have not declared"
                + " their versions as being on " + VersionRules.FIRST_RELEASE + ", or name the release the whole"
                + " region runs, e.g. 1-1-0");
        return new NodeSettings.RulesSettings(tolerance, attempts, highest, assumed);
    }

    private static void schemaVersion(String key, String value, String hint) {
        try {
            SchemaVersion.parse(value);
        } catch (IllegalArgumentException e) {
            throw new SettingsException(key, e.getMessage(), hint);
        }
    }

    private NodeSettings.LinkSettings links() {
        NodeSettings.LinkSettings defaults = NodeSettings.LinkSettings.DEFAULT;
        Duration every = duration("node.links.heartbeat-every", optional("node.links.heartbeat-every")
                .orElse(defaults.heartbeatEvery().toString()));
        Duration upWithin = duration("node.links.up-within", optional("node.links.up-within")
                .orElse(defaults.upWithin().toString()));
        Duration downAfter = duration("node.links.down-after", optional("node.links.down-after")
                .orElse(defaults.downAfter().toString()));
        if (upWithin.compareTo(every) < 0) {
            throw new SettingsException("node.links.up-within", "is shorter than node.links.heartbeat-every, so an"
                    + " idle link would never show UP", "set it to at least " + every.multipliedBy(2));
        }
        if (downAfter.compareTo(upWithin) < 0) {
            throw new SettingsException("node.links.down-after", "is shorter than node.links.up-within",
                    "set it to at least " + upWithin);
        }
        return new NodeSettings.LinkSettings(every, upWithin, downAfter);
    }

    private NodeSettings.DeliverySettings delivery() {
        Duration receiptWait = duration("node.delivery.receipt-wait",
                optional("node.delivery.receipt-wait").orElse("PT2M"));
        Duration maxWait = duration("node.delivery.max-resend-wait",
                optional("node.delivery.max-resend-wait").orElse("PT1H"));
        if (maxWait.compareTo(receiptWait) < 0) {
            throw new SettingsException("node.delivery.max-resend-wait", "is shorter than node.delivery.receipt-wait",
                    "set it to at least " + receiptWait);
        }
        int handOvers = (int) count("node.delivery.hand-overs", NodeSettings.DeliverySettings.DEFAULT_HAND_OVERS, 1,
                64, "concurrent hand-overs per peer");
        int inboxConsumers = (int) count("node.delivery.inbox-consumers",
                NodeSettings.DeliverySettings.DEFAULT_INBOX_CONSUMERS, 1, 64, "concurrent inbox consumers");
        return new NodeSettings.DeliverySettings(receiptWait, maxWait, handOvers, inboxConsumers);
    }

    private static Duration duration(String key, String value) {
        try {
            Duration duration = Duration.parse(value);
            if (!duration.isNegative() && duration.compareTo(Duration.ofSeconds(1)) >= 0) {
                return duration;
            }
        } catch (java.time.format.DateTimeParseException e) {
            // reported below
        }
        throw new SettingsException(key, "'" + value + "' is not a duration of at least a second",
                "use ISO-8601, e.g. PT2M or PT30S");
    }

    private BrokerSettings broker(Path dataDir) {
        return new BrokerSettings(
                optional("node.broker.host").orElse("127.0.0.1"),
                port("node.broker.peer-port", required("node.broker.peer-port",
                        "set the TLS port peers connect to, e.g. node.broker.peer-port=61617"), false),
                port("node.broker.local-port", optional("node.broker.local-port").orElse("0"), true),
                path("node.broker.local-users-file", optional("node.broker.local-users-file")
                        .orElse(dataDir.resolve("local-users.properties").toString())), inboxLimits());
    }

    private org.regionalexchange.node.broker.InboxLimits inboxLimits() {
        org.regionalexchange.node.broker.InboxLimits defaults = org.regionalexchange.node.broker.InboxLimits.DEFAULT;
        return new org.regionalexchange.node.broker.InboxLimits(
                count("node.inbox.peer-max-messages", defaults.maxMessages(), 100, Integer.MAX_VALUE,
                        "messages waiting from one peer"),
                count("node.inbox.peer-max-bytes", defaults.maxBytes(), 1024L * 1024, Long.MAX_VALUE,
                        "bytes waiting from one peer"),
                (int) count("node.inbox.peer-max-connections", defaults.maxConnections(), 2, 1_000,
                        "connections of one peer"),
                (int) count("node.inbox.peer-quarantine-per-hour", defaults.quarantinePerHour(), 1, 1_000_000,
                        "rejected messages of one reason from one peer kept each hour"));
    }

    private PkiSettings pki(String nodeId) {
        Optional<Path> pkiDir = optional("node.pki.dir").map(value -> path("node.pki.dir", value));
        Path nodeDir = pkiDir.map(dir -> dir.resolve(nodeId)).orElse(null);
        Path keystore = existingFile("node.pki.keystore", nodeDir, "node.p12");
        Path tlsKeystore = existingFile("node.pki.tls-keystore", nodeDir, "tls.p12");
        Path truststore = existingFile("node.pki.truststore", pkiDir.orElse(null), "truststore.p12");
        Path ca = existingFile("node.pki.ca", pkiDir.orElse(null), "ca.crt.pem");
        Path crl = existingFile("node.pki.crl", pkiDir.orElse(null), "crl.pem");
        Path certificates = path("node.pki.certificates-dir", optional("node.pki.certificates-dir")
                .orElseGet(() -> pkiDir.map(Path::toString).orElseThrow(() -> new SettingsException(
                        "node.pki.certificates-dir", "is not set",
                        "set it to the folder holding <NODE>/encryption.crt.pem of every member, or set node.pki.dir"))));
        Path defaultPasswordFile = pkiDir.map(dir -> dir.resolve("keystore.pass")).orElse(null);
        char[] password = secret("node.pki.password-file", KEYSTORE_PASSWORD_ENV, defaultPasswordFile)
                .orElseThrow(() -> new SettingsException("node.pki.password-file", "no keystore password",
                        "set node.pki.password-file or the environment variable " + KEYSTORE_PASSWORD_ENV));
        return new PkiSettings(keystore, tlsKeystore, truststore, password, ca, crl, certificates,
                duration("node.pki.expiry-warning", optional("node.pki.expiry-warning").orElse("P30D")));
    }

    private DatabaseSettings database(Path dataDir) {
        String url = optional("node.db.url")
                .orElse("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db").resolve("node"));
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new SettingsException("node.db.url", "unsupported database '" + url + "'",
                    "use a jdbc:h2: or jdbc:postgresql: URL");
        }
        char[] password = secret("node.db.password-file", DB_PASSWORD_ENV, null).orElse(new char[0]);
        return new DatabaseSettings(url, optional("node.db.user").orElse("node"), password);
    }

    private Map<String, PeerSettings> peers(String self) {
        Map<String, PeerSettings> peers = new LinkedHashMap<>();
        for (String peer : nodeIds("node.peers", optional("node.peers").orElse(""))) {
            if (peer.equals(self)) {
                throw new SettingsException("node.peers", "lists this node itself (" + self + ")",
                        "remove " + self + " from node.peers");
            }
            String prefix = "node.peer." + peer.toLowerCase(Locale.ROOT) + ".";
            URI url = uri(prefix + "url", required(prefix + "url",
                    "set the peer's broker address, e.g. " + prefix + "url=tcp://127.0.0.1:61617"));
            boolean direct = Boolean.parseBoolean(optional(prefix + "direct").orElse("true"));
            peers.put(peer, new PeerSettings(peer, url.getHost(), url.getPort(), direct));
        }
        return peers;
    }

    private Optional<char[]> secret(String fileKey, String envName, Path defaultFile) {
        Optional<Path> file = optional(fileKey).map(value -> path(fileKey, value))
                .or(() -> Optional.ofNullable(defaultFile).filter(Files::isReadable));
        if (file.isPresent()) {
            try {
                return Optional.of(Files.readString(file.get(), StandardCharsets.UTF_8).strip().toCharArray());
            } catch (IOException e) {
                throw new SettingsException(fileKey, "cannot read " + file.get(), "check the path and permissions");
            }
        }
        return Optional.ofNullable(environment.apply(envName)).map(String::toCharArray);
    }

    private Path existingFile(String key, Path defaultDir, String defaultName) {
        Path file = optional(key).map(value -> path(key, value))
                .or(() -> Optional.ofNullable(defaultDir).map(dir -> dir.resolve(defaultName)))
                .orElseThrow(() -> new SettingsException(key, "is not set",
                        "set it, or set node.pki.dir to a folder made by `certs region`"));
        if (!Files.isRegularFile(file)) {
            throw new SettingsException(key, "file " + file + " does not exist",
                    "create the node's keys with `certs region --out DIR` or `certs issue`");
        }
        return file;
    }

    private Optional<String> optional(String key) {
        return Optional.ofNullable(properties.getProperty(key)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private String required(String key, String fix) {
        return optional(key).orElseThrow(() -> new SettingsException(key, "is missing", fix));
    }

    private static String nodeId(String key, String value) {
        if (!NODE_ID.matcher(value).matches() || value.equals("REGIONAL")) {
            throw new SettingsException(key, "'" + value + "' is not a node id",
                    "use an upper-case code such as KZ or CARICC");
        }
        return value;
    }

    private static List<String> nodeIds(String key, String value) {
        List<String> ids = new ArrayList<>();
        Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty())
                .forEach(id -> ids.add(nodeId(key, id)));
        return ids;
    }

    private static int port(String key, String value, boolean zeroAllowed) {
        try {
            int port = Integer.parseInt(value);
            if (port >= (zeroAllowed ? 0 : 1) && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SettingsException(key, "'" + value + "' is not a port", "use a number from 1 to 65535");
    }

    private static Path path(String key, String value) {
        try {
            return Path.of(value);
        } catch (RuntimeException e) {
            throw new SettingsException(key, "'" + value + "' is not a path", "give a file system path");
        }
    }

    private static URI uri(String key, String value) {
        try {
            URI uri = URI.create(value);
            if ("tcp".equals(uri.getScheme()) && uri.getHost() != null && uri.getPort() > 0) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new SettingsException(key, "'" + value + "' is not a broker address",
                "use tcp://HOST:PORT, e.g. tcp://127.0.0.1:61617");
    }
}
