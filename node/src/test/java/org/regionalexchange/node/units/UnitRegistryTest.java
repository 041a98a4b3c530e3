package org.regionalexchange.node.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.regionalexchange.node.broker.NodeSecurityManager;
import org.regionalexchange.node.store.CustomsUnits;
import org.regionalexchange.node.store.NodeDatabase;

/** Registering, replacing and removing units over a real store; the broker's queues recorded by a fake. */
class UnitRegistryTest {

    @TempDir
    Path folder;
    NodeDatabase database;
    final List<String> queues = new ArrayList<>();
    final UnitRegistry.Queues broker = new UnitRegistry.Queues() {
        @Override
        public void ensure(String queue) {
            queues.add("+" + queue);
        }

        @Override
        public void remove(String queue) {
            queues.add("-" + queue);
        }
    };

    @BeforeEach
    void open() {
        database = NodeDatabase.open("jdbc:h2:file:" + folder.resolve("node").toAbsolutePath(), "node", new char[0]);
    }

    @AfterEach
    void close() {
        database.close();
    }

    UnitRegistry registry() {
        return new UnitRegistry(new CustomsUnits(database), broker, "UZ",
                Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void aUnitGetsItsQueueAndAPasswordWhoseDigestTheBrokerChecksAndOutlivesARestart() {
        UnitRegistry.Registered alat = registry().register("UZ-ALAT", List.of("UZ-ALAT", "UZALT"), List.of(), null,
                null);

        assertThat(queues).containsExactly("+local.unit.UZ-ALAT");
        assertThat(alat.unit().kinds()).containsExactly("pre-arrival-warning");
        assertThat(alat.unit().clearance()).isEqualTo("AMBER");
        assertThat(alat.unit().organisation()).isEqualTo("UZ");
        UnitRegistry again = registry();
        assertThat(again.digest("UZ-ALAT")).contains(NodeSecurityManager.digest(new String(alat.password())));
        assertThat(queues).containsExactly("+local.unit.UZ-ALAT", "+local.unit.UZ-ALAT");
    }

    @Test
    void registeringAgainReplacesThePasswordAndRemovingTakesTheQueue() {
        UnitRegistry units = registry();
        UnitRegistry.Registered first = units.register("UZ-ALAT", List.of("UZ-ALAT"), List.of(), null, null);
        UnitRegistry.Registered second = units.register("UZ-ALAT", List.of("UZ-ALAT"), List.of("early-warning"),
                "UZ-CUSTOMS", "RED");

        assertThat(units.units()).singleElement().satisfies(unit -> {
            assertThat(unit.kinds()).containsExactly("early-warning");
            assertThat(unit.clearance()).isEqualTo("RED");
        });
        assertThat(units.digest("UZ-ALAT")).contains(NodeSecurityManager.digest(new String(second.password())));
        assertThat(units.digest("UZ-ALAT")).isNotEqualTo(java.util.Optional.of(NodeSecurityManager.digest(
                new String(first.password()))));
        assertThat(units.remove("UZ-ALAT")).isTrue();
        assertThat(units.remove("UZ-ALAT")).isFalse();
        assertThat(registry().units()).isEmpty();
        assertThat(queues).endsWith("-local.unit.UZ-ALAT");
    }

    @Test
    void aBadRegistrationNamesTheFieldAndWhatWouldDo() {
        UnitRegistry units = registry();

        assertThatThrownBy(() -> units.register("alat", List.of("UZ-ALAT"), List.of(), null, null))
                .hasMessageStartingWith("name: 'alat' is not a unit id such as UZ-ALAT");
        assertThatThrownBy(() -> units.register("UZ-ALAT", List.of(), List.of(), null, null))
                .hasMessageStartingWith("crossingPoints: name at least one crossing point");
        assertThatThrownBy(() -> units.register("UZ-ALAT", List.of("UZ ALAT"), List.of(), null, null))
                .hasMessageStartingWith("crossingPoints: 'UZ ALAT' is not a crossing-point code");
        assertThatThrownBy(() -> units.register("UZ-ALAT", List.of("UZ-ALAT"), List.of("receipt"), null, null))
                .hasMessageStartingWith("kinds: 'receipt' is not one of [pre-arrival-warning");
        assertThatThrownBy(() -> units.register("UZ-ALAT", List.of("UZ-ALAT"), List.of(), null, "SECRET"))
                .hasMessageStartingWith("clearance: 'SECRET' is not a TLP 2.0 code");
        assertThat(units.units()).isEmpty();
        assertThat(queues).isEmpty();
    }
}
