package org.regionalexchange.node.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The API users of one node, in a file of lines {@code name:role[,role]:unit[,unit]:hash} (units only for customs
 * units; the hash from {@link PasswordHash}). The file is re-read when it changes, so users added with
 * {@code node users add} while the node runs can sign in at once. A verified password is remembered (as a keyed
 * digest, never in clear) so the slow hash runs once per user and password, not on every request.
 */
public final class ApiUsers {

    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");
    private static final Pattern UNIT = Pattern.compile("^[A-Z0-9][A-Z0-9-]{1,31}$");

    private record Entry(ApiUser user, String hash) {}

    private final Path file;
    private final byte[] cacheKey = new java.security.SecureRandom().generateSeed(32);
    private final Map<String, String> verified = new ConcurrentHashMap<>();
    private volatile Map<String, Entry> entries = Map.of();
    private volatile String loadedVersion;

    public ApiUsers(Path file) {
        this.file = file;
        reloadIfChanged();
    }

    public Path file() {
        return file;
    }

    /** The user whose password this is, or empty for an unknown name or a wrong password. */
    public Optional<ApiUser> authenticate(String name, char[] password) {
        reloadIfChanged();
        Entry entry = entries.get(name);
        if (entry == null) {
            return Optional.empty();
        }
        String digest = digest(name, password, entry.hash());
        if (digest.equals(verified.get(name))) {
            return Optional.of(entry.user());
        }
        if (!PasswordHash.matches(password, entry.hash())) {
            return Optional.empty();
        }
        verified.put(name, digest);
        return Optional.of(entry.user());
    }

    public List<ApiUser> list() {
        reloadIfChanged();
        return entries.values().stream().map(Entry::user).toList();
    }

    public boolean isEmpty() {
        reloadIfChanged();
        return entries.isEmpty();
    }

    /**
     * Adds a user, or replaces one of the same name, with a new random password.
     *
     * @return the password, shown once: only its hash is kept
     * @throws IllegalArgumentException naming what is wrong with the name, roles or units
     */
    public synchronized char[] add(String name, Set<Role> roles, Set<String> units) {
        char[] password = PasswordHash.generate();
        add(name, roles, units, password);
        return password;
    }

    /** A random password for a new user (24 characters, about 137 bits). */
    public static char[] newPassword() {
        return PasswordHash.generate();
    }

    /** Adds a user, or replaces one of the same name, with the given password. */
    public synchronized void add(String name, Set<Role> roles, Set<String> units, char[] password) {
        check(name, roles, units, password);
        reloadIfChanged();
        Map<String, Entry> updated = new LinkedHashMap<>(entries);
        updated.put(name, new Entry(new ApiUser(name, roles, units), PasswordHash.hash(password)));
        write(updated);
    }

    /** @return whether there was such a user */
    public synchronized boolean remove(String name) {
        reloadIfChanged();
        Map<String, Entry> updated = new LinkedHashMap<>(entries);
        if (updated.remove(name) == null) {
            return false;
        }
        write(updated);
        return true;
    }

    private static void check(String name, Set<Role> roles, Set<String> units, char[] password) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("user name '" + name + "' must be 1-64 of a-z 0-9 . _ - (lower case)");
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("user " + name + " needs at least one role");
        }
        for (String unit : units) {
            if (!UNIT.matcher(unit).matches()) {
                throw new IllegalArgumentException("crossing point '" + unit + "' is not a code such as UZ-ALAT");
            }
        }
        if (roles.contains(Role.CUSTOMS_UNIT) == units.isEmpty()) {
            throw new IllegalArgumentException(roles.contains(Role.CUSTOMS_UNIT)
                    ? "a customs-unit user needs its crossing points, e.g. --unit UZ-ALAT"
                    : "only a customs-unit user has crossing points");
        }
        if (password.length < 12) {
            throw new IllegalArgumentException("a password needs at least 12 characters");
        }
    }

    private String digest(String name, char[] password, String hash) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(cacheKey);
            sha.update((name + "\n" + hash + "\n" + new String(password)).getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized void reloadIfChanged() {
        try {
            String version = version();
            if (version.equals(loadedVersion)) {
                return;
            }
            entries = Files.exists(file) ? parse(Files.readAllLines(file, StandardCharsets.UTF_8)) : Map.of();
            loadedVersion = version;
            verified.clear();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API users file " + file, e);
        }
    }

    /** The file's time and size: a change of either means the file was edited. */
    private String version() throws IOException {
        return Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file) : "none";
    }

    private Map<String, Entry> parse(List<String> lines) {
        Map<String, Entry> parsed = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(":", -1);
            if (fields.length != 4) {
                throw new IllegalStateException(file + " line " + (i + 1)
                        + ": expected name:roles:units:hash; recreate the user with `node users add`");
            }
            Set<Role> roles = new LinkedHashSet<>();
            Arrays.stream(fields[1].split(",")).map(String::strip).filter(r -> !r.isEmpty())
                    .forEach(r -> roles.add(Role.fromId(r)));
            Set<String> units = new LinkedHashSet<>();
            Arrays.stream(fields[2].split(",")).map(String::strip).filter(u -> !u.isEmpty()).forEach(units::add);
            parsed.put(fields[0], new Entry(new ApiUser(fields[0], roles, units), fields[3]));
        }
        return parsed;
    }

    private void write(Map<String, Entry> updated) {
        List<String> lines = new ArrayList<>();
        lines.add("# API users of this node: name:roles:crossing points:pbkdf2 hash. Edit with `node users`.");
        for (Entry entry : updated.values()) {
            lines.add(entry.user().name() + ":" + String.join(",", entry.user().roles().stream()
                    .sorted().map(Role::id).toList()) + ":" + String.join(",", entry.user().units().stream()
                    .sorted().toList()) + ":" + entry.hash());
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, ".api-users", ".tmp");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's own permissions protect it
            }
            Files.write(temporary, lines, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            entries = Map.copyOf(updated);
            loadedVersion = version();
            verified.clear();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the API users file " + file, e);
        }
    }
}
