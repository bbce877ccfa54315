package org.partnershipatlas.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fixture's teardown runs every closer, whatever the earlier ones throw. */
class AtlasFixtureTest {
    @Test
    void closeAllRunsEveryCloserAndKeepsLaterFailuresAsSuppressed() {
        List<String> ran = new ArrayList<>();
        IllegalStateException serverFailed = new IllegalStateException("server stop failed");
        IllegalArgumentException storeFailed = new IllegalArgumentException("store close failed");
        Throwable thrown = catchThrowable(() -> AtlasFixture.closeAll(List.of(
                () -> {
                    ran.add("server");
                    throw serverFailed;
                },
                () -> {
                    ran.add("store");
                    throw storeFailed;
                },
                () -> ran.add("dir"))));
        assertThat(ran).containsExactly("server", "store", "dir");
        assertThat(thrown).isSameAs(serverFailed);
        assertThat(thrown.getSuppressed()).containsExactly(storeFailed);
    }

    @Test
    void closeAllThrowsNothingWhenEveryCloserSucceeds() {
        List<String> ran = new ArrayList<>();
        AtlasFixture.closeAll(List.of(() -> ran.add("server"), () -> ran.add("store")));
        assertThat(ran).containsExactly("server", "store");
    }

    @Test
    void theSharedStoreRefusesStepsThatWouldChangeIt() {
        assertThat(catchThrowable(() -> AtlasFixture.sharedSampleData().prepare(fixture -> {})))
                .isInstanceOf(IllegalStateException.class);
    }
}
