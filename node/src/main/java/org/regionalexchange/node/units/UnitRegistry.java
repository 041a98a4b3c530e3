package org.regionalexchange.node.units;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.regionalexchange.node.broker.NodeSecurityManager;
import org.regionalexchange.node.store.CustomsUnits;
import org.regionalexchange.node.store.CustomsUnits.Unit;
import org.regionalexchange.schemas.MessageKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The customs units registered on this node: kept in the store, read from memory, each with a durable queue of its
 * own ({@link #queue}) that holds what was dispatched to it while it was away. Registering a unit again replaces its
 * crossing points, kinds, clearance and password, and keeps its queue; removing it removes the queue and whatever
 * still waits there.
 */
public final class UnitRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(UnitRegistry.class);
    /** The node ids of local units, as the schemas spell them: e.g. UZ-ALAT. */
    private static final Pattern NAME = Pattern.compile("^[A-Z][A-Z0-9-]{1,15}$");
    private static final Pattern CODE = Pattern.compile("^[A-Z0-9][A-Z0-9-]{1,39}$");
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The kinds a unit can receive: what the network exchanges, not its own receipts and checkpoints. */
    static final List<String> KINDS = List.of(MessageKind.PRE_ARRIVAL_WARNING.id(), MessageKind.EARLY_WARNING.id(),
            MessageKind.SEIZURE_NOTICE.id(), MessageKind.LIST_ENTRY.id(), MessageKind.OUTCOME_REPORT.id());

    /** The broker's side: each unit's queue. */
    public interface Queues {
        /** Creates the durable queue unless it exists. */
        void ensure(String queue);

        void remove(String queue);
    }

    /** A unit just registered and its broker password, shown once. */
    public record Registered(Unit unit, char[] password) {}

    private final CustomsUnits store;
    private final Queues queues;
    private final String organisation;
    private final Clock clock;
    private volatile List<Unit> units;

    /** @param organisation this node's organisation, the default of a unit's */
    public UnitRegistry(CustomsUnits store, Queues queues, String organisation, Clock clock) {
        this.store = store;
        this.queues = queues;
        this.organisation = organisation;
        this.clock = clock;
        this.units = store.list();
        units.forEach(unit -> queues.ensure(queue(unit.name())));
    }

    /** The queue a unit reads: {@code local.unit.<name>}. */
    public static String queue(String unit) {
        return org.regionalexchange.node.broker.BrokerAddresses.unit(unit);
    }

    /** The unit a queue belongs to, when it is a unit's queue. */
    public static Optional<String> unitOf(String queue) {
        String prefix = org.regionalexchange.node.broker.BrokerAddresses.UNIT_PREFIX;
        return queue != null && queue.startsWith(prefix) ? Optional.of(queue.substring(prefix.length()))
                : Optional.empty();
    }

    public List<Unit> units() {
        return units;
    }

    public Optional<Unit> find(String name) {
        return units.stream().filter(unit -> unit.name().equals(name)).findFirst();
    }

    /** The hex SHA-256 of a unit's broker password, for the broker's login check. */
    public Optional<String> digest(String name) {
        return find(name).map(Unit::passwordDigest);
    }

    public String organisation() {
        return organisation;
    }

    /**
     * Registers a unit (or replaces one of the same name) with a new password.
     *
     * @param organisation null for this node's own
     * @param clearance null for AMBER
     * @throws IllegalArgumentException naming the field that is wrong and what would do
     */
    public synchronized Registered register(String name, List<String> crossingPoints, List<String> kinds,
            String organisation, String clearance) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: '" + name + "' is not a unit id such as UZ-ALAT (upper case,"
                    + " digits and hyphens, 2 to 16 characters)");
        }
        if (crossingPoints == null || crossingPoints.isEmpty()) {
            throw new IllegalArgumentException("crossingPoints: name at least one crossing point the unit serves,"
                    + " e.g. [\"UZ-ALAT\"] (its border-crossing-point id or UN/LOCODE)");
        }
        for (String code : crossingPoints) {
            if (!CODE.matcher(code).matches()) {
                throw new IllegalArgumentException("crossingPoints: '" + code + "' is not a crossing-point code"
                        + " (UN/LOCODE such as UZALT, or an id such as UZ-ALAT)");
            }
        }
        List<String> wanted = kinds == null || kinds.isEmpty() ? List.of(MessageKind.PRE_ARRIVAL_WARNING.id())
                : List.copyOf(new LinkedHashSet<>(kinds));
        for (String kind : wanted) {
            if (!KINDS.contains(kind)) {
                throw new IllegalArgumentException("kinds: '" + kind + "' is not one of " + KINDS);
            }
        }
        String level = clearance == null ? "AMBER" : clearance;
        if (!Tlp.isCode(level)) {
            throw new IllegalArgumentException("clearance: '" + level + "' is not a TLP 2.0 code " + Tlp.CODES);
        }
        String org = organisation == null || organisation.isBlank() ? this.organisation : organisation.strip();
        char[] password = newPassword();
        Unit unit = new Unit(name, List.copyOf(new LinkedHashSet<>(crossingPoints)), wanted, org, level,
                NodeSecurityManager.digest(new String(password)),
                clock.instant());
        queues.ensure(queue(name));
        store.register(unit);
        List<Unit> updated = new ArrayList<>(units);
        updated.removeIf(u -> u.name().equals(name));
        updated.add(unit);
        units = List.copyOf(updated);
        LOG.info("customs unit {} registered: crossing points {}, kinds {}, clearance TLP:{}, organisation {}", name,
                unit.crossingPoints(), unit.kinds(), level, org);
        return new Registered(unit, password);
    }

    /** @return false when there was no such unit */
    public synchronized boolean remove(String name) {
        if (find(name).isEmpty()) {
            return false;
        }
        store.remove(name);
        List<Unit> updated = new ArrayList<>(units);
        updated.removeIf(u -> u.name().equals(name));
        units = List.copyOf(updated);
        queues.remove(queue(name));
        LOG.info("customs unit {} removed with its queue", name);
        return true;
    }

    private static char[] newPassword() {
        char[] password = new char[24];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return password;
    }
}
