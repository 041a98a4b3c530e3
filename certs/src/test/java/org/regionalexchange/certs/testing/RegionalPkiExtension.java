package org.regionalexchange.certs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.regionalexchange.certs.RegionalPki;

/**
 * Builds a fresh regional PKI (CARICC, KZ, KG, TJ, TM, UZ) in a temporary folder once per test class and hands it
 * to test methods and constructors that ask for a {@link RegionalPki}. The folder is deleted afterwards.
 */
public final class RegionalPkiExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(RegionalPkiExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RegionalPki.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext classContext = context.getRoot().getClass().equals(context.getClass())
                ? context : context.getParent().filter(c -> c.getTestClass().isPresent()
                        && c.getTestMethod().isEmpty()).orElse(context);
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent("pki", key -> new Fixture(), Fixture.class).pki;
    }

    /** The PKI and its folder, removed when the owning context closes. */
    private static final class Fixture implements AutoCloseable {
        private final Path folder;
        private final RegionalPki pki;

        Fixture() {
            try {
                folder = Files.createTempDirectory("regional-pki-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            pki = RegionalPki.create(folder);
        }

        @Override
        public void close() throws IOException {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
