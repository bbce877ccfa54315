package org.partnershipatlas.ontology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelNormaliserTest {
    @Test
    void abbreviationsCaseAndPunctuationDoNotMatter() {
        assertThat(LabelNormaliser.key("Newham LBC")).isEqualTo("newham london borough council");
        assertThat(LabelNormaliser.key("NEWHAM  London-Borough Council")).isEqualTo("newham london borough council");
        assertThat(LabelNormaliser.key("Learning & Skills Council")).isEqualTo(LabelNormaliser.key("LSC"));
        assertThat(LabelNormaliser.key("Newham PCT")).isEqualTo("newham primary care trust");
        assertThat(LabelNormaliser.key("Citizens' Advice Bureau")).isEqualTo("citizens advice bureau");
        assertThat(LabelNormaliser.key("UK Anti-Drugs Co-ordination Unit"))
                .isEqualTo(LabelNormaliser.key("UK Anti-Drugs Coordination Unit"));
        assertThat(LabelNormaliser.key("HACKNEY C.V.S.")).isEqualTo(LabelNormaliser.key("Hackney CVS"));
        assertThat(LabelNormaliser.key("Société Générale")).isEqualTo("societe generale");
    }

    @Test
    void wordsThatCarryNoIdentityAreLeftOut() {
        assertThat(LabelNormaliser.tokens("The London Borough of Newham"))
                .containsExactly("london", "borough", "newham");
    }

    @Test
    void urlsAreComparedByHostAndPath() {
        assertThat(LabelNormaliser.url("https://www.Newham.gov.uk/")).isEqualTo("newham.gov.uk");
        assertThat(LabelNormaliser.url("http://newham.gov.uk")).isEqualTo("newham.gov.uk");
    }
}
