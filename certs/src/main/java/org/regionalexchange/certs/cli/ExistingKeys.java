package org.regionalexchange.certs.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.regionalexchange.certs.PkiException;

/**
 * The key and certificate files a command would overwrite. Writing a new CA over a region in use silently cuts every
 * node off from the others, so {@code region} and {@code issue} refuse unless told {@code --force}.
 */
final class ExistingKeys {

    private static final List<String> REGION_FILES = List.of("ca/ca.p12", "ca/revoked.txt", "ca.crt.pem",
            "truststore.p12", "crl.pem", "crl.der", "keystore.pass");
    private static final List<String> NODE_FILES = List.of("node.p12", "tls.p12", "tls.key.pem", "tls.crt.pem",
            "signing.key.pem", "signing.crt.pem", "encryption.key.pem", "encryption.crt.pem");

    private ExistingKeys() {}

    /** The files of a region in {@code folder}: its CA and every node folder's keys. */
    static List<Path> ofRegion(Path folder) {
        List<Path> found = new ArrayList<>(existing(folder, REGION_FILES));
        if (Files.isDirectory(folder)) {
            try (Stream<Path> children = Files.list(folder)) {
                children.filter(Files::isDirectory).sorted()
                        .forEach(child -> found.addAll(existing(child, NODE_FILES)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    /** The key files of one node in a region folder. */
    static List<Path> ofNode(Path pki, String nodeId) {
        return existing(pki.resolve(nodeId), NODE_FILES);
    }

    /** Refuses, naming the first files found and how to go on, unless forced. */
    static void refuseUnlessForced(List<Path> found, boolean force, Path base, String what, String otherwise) {
        if (found.isEmpty() || force) {
            return;
        }
        List<String> names = found.stream().limit(3).map(file -> base.relativize(file).toString()).toList();
        String more = found.size() > 3 ? " and " + (found.size() - 3) + " more" : "";
        throw new PkiException(what + " (" + String.join(", ", names) + more + "): pass --force to replace "
                + (found.size() == 1 ? "it" : "them") + ", or " + otherwise);
    }

    /** Removes a replaced region's files, so no node folder of the old CA is left beside the new one. */
    static void remove(List<Path> found) {
        for (Path file : found) {
            try {
                Files.delete(file);
            } catch (IOException e) {
                throw new PkiException("cannot remove " + file + " to replace it: " + e.getMessage(), e);
            }
        }
    }

    private static List<Path> existing(Path folder, List<String> names) {
        return names.stream().map(folder::resolve).filter(Files::exists).toList();
    }
}
