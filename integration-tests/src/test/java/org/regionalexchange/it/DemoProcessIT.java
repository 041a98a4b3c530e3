package org.regionalexchange.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's run command: the regional demo from the executable jar, in its own process. */
class DemoProcessIT {

    @TempDir
    Path work;

    @Test
    void regionalDemoRunsFromTheJarAndEveryNoticeIsAcknowledged() throws Exception {
        Jars.Result demo = Jars.run(Jars.NODE, 240, work, "demo", "--dir", work.resolve("region").toString(),
                "--timeout", "PT120S");

        assertThat(demo.exitCode()).as(demo.output()).isZero();
        assertThat(demo.output())
                .contains("demo finished: every recipient acknowledged every notice")
                .contains("KG quarantine: 1 message(s); DECRYPT_FAILED from peer TJ")
                // CARICC's control-gap report from KZ's Resolution 22 and the illustrative baselines of KG and UZ.
                .contains("substance,KZ,KG,TJ,TM,UZ,notControlledBy")
                .contains("metonitazene,I since 2024-02-06,I since 2023-09-01,-,-,I since 2023-11-15,TM TJ")
                .contains("clonazolam,III since 2024-02-06,-,-,-,-,KG TM UZ TJ")
                // KZ's seizure of a substance new to the region, then the alert's update and cancel as KG sees them.
                .containsPattern("CARICC early-warning +-> REGIONAL +\\S+ +\\(first sighting: metonitazene in KZ's"
                        + " notice ")
                .contains("KG active alerts after the first-sighting alert: 1\n")
                .contains("\"First sighting in the region: metonitazene\", severity Unknown, version 1 (alert ")
                .contains("KG active alerts after the update: 1\n")
                .contains("severity Severe, version 2 (update ")
                .contains("KG active alerts after the cancel: 0\n")
                // TM's Farap-Alat warning on the Alat unit's own queue, and the unit's outcome back at TM.
                .contains("UZ registered customs unit UZ-ALAT (POST /api/v1/units): queue local.unit.UZ-ALAT")
                .containsPattern("UZ-ALAT took warning \\S+ from TM; UZ signed its outcome report \\S+ -> TM")
                .containsPattern("outcome from UZ-ALAT \\(UZ\\): nothingFound, report \\S+")
                .doesNotContain("(expected ")
                .doesNotContain("\"intact\":false");
    }
}
