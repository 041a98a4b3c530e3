package org.regionalexchange.it;

import org.junit.jupiter.api.Test;

/** Fault drill: a 30 s partition of the direct link KZ-KG (both directions), then healing. */
class PartitionIT {

    @Test
    void aCutLinkBetweenTwoNodesHealsWithoutLossOrDuplicates() throws Exception {
        FaultDrill.run("partition", "--partition", "PT30S");
    }
}
