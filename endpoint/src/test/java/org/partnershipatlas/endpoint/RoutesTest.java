package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.partnershipatlas.ontology.AtlasIris;

/** The URLs that Routes builds for the servlets. */
class RoutesTest {
    @Test
    void serverUrlShowsAllInterfacesAsLocalhostAndBracketsIpv6() {
        assertThat(Routes.serverUrl("localhost", 3030)).isEqualTo("http://localhost:3030/");
        assertThat(Routes.serverUrl("0.0.0.0", 80)).isEqualTo("http://localhost:80/");
        assertThat(Routes.serverUrl("::", 80)).isEqualTo("http://localhost:80/");
        assertThat(Routes.serverUrl("::1", 8080)).isEqualTo("http://[::1]:8080/");
    }

    @Test
    void docHrefLinksAtlasResourcesToTheirDocumentsAndLeavesOtherIrisAlone() {
        AtlasIris iris = new AtlasIris("https://example.org/atlas/");
        assertThat(Routes.docHref(iris, "", iris.id("locality", "newham"))).isEqualTo("/doc/locality/newham");
        assertThat(Routes.docHref(iris, "/ctx", iris.id("partnership", "p1"))).isEqualTo("/ctx/doc/partnership/p1");
        assertThat(Routes.docHref(iris, "", "http://www.w3.org/ns/org#Organization"))
                .isEqualTo("http://www.w3.org/ns/org#Organization");
        assertThat(Routes.docPath("", "locality")).isEqualTo("/doc/locality");
    }

    @Test
    void pagePathLinksLocalitiesAndDomainsToThePortalAndTheRestToTheirDocuments() {
        assertThat(Routes.pagePath("", "locality/newham")).isEqualTo("/localities/newham");
        assertThat(Routes.pagePath("/ctx", "problem-domain/health")).isEqualTo("/ctx/domains/health");
        assertThat(Routes.pagePath("", "partnership/p1")).isEqualTo("/doc/partnership/p1");
    }
}
