package org.partnershipatlas.loaders.links;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenSimilarityTest {
    @Test
    void oneLetterSlipsInLongWordsAreForgiven() {
        assertThat(LinkDiscovery.Matcher.tokenSimilarity("police", "polce")).isEqualTo(0.8);
        assertThat(LinkDiscovery.Matcher.tokenSimilarity("salford", "slaford")).isEqualTo(0.8);
        assertThat(LinkDiscovery.Matcher.tokenSimilarity("bury", "burt")).isZero();
        assertThat(LinkDiscovery.Matcher.tokenSimilarity("police", "palace")).isZero();
    }
}
