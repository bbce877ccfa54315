package org.partnershipatlas.loaders.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.tdb2.TDBException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.partnershipatlas.loaders.LoadException;
import org.partnershipatlas.loaders.LoadProblem;

class DiskSpaceTest {
    @TempDir
    Path dir;

    @Test
    void aNeedThatFitsBesideTheReservePasses() {
        DiskSpace.reserving(0).require("the load", dir.resolve("not/yet/made"), 1024);
    }

    @Test
    void aNeedThatDoesNotFitIsRefusedNamingThePathTheFiguresAndThatNothingChanged() {
        long free = DiskSpace.free(dir);
        assertThatThrownBy(() -> DiskSpace.reserving(0).require("the load", dir.resolve("store"), free * 2))
                .isInstanceOf(InsufficientSpaceException.class)
                .hasMessageStartingWith("not enough disk space on " + dir.resolve("store") + " for the load: about ")
                .hasMessageContaining(" free, reserve 0 B; nothing was changed");
    }

    @Test
    void theReserveCountsAndNeedsOnOneFileSystemAddUp() {
        long free = DiskSpace.free(dir);
        DiskSpace space = DiskSpace.reserving(free / 2);
        space.require("a", dir, free / 4);
        assertThatThrownBy(() -> space.require("b", dir, free / 2 + (1 << 20)))
                .isInstanceOf(InsufficientSpaceException.class);
        // Two needs of a third each on the same file system: together over what is free beside the reserve.
        assertThatThrownBy(() -> space.require(
                        "c",
                        List.of(new DiskSpace.Need(dir.resolve("x"), free / 3), new DiskSpace.Need(dir, free / 3))))
                .isInstanceOf(InsufficientSpaceException.class);
        assertThatThrownBy(() -> DiskSpace.reserving(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void storageFaultsAreToldFromFaultsOfInputOrCode() {
        assertThat(DiskSpace.isStorageFault(new InternalError("a fault occurred in a recent unsafe memory access")))
                .isTrue();
        assertThat(DiskSpace.isStorageFault(new TDBException("NodeTableThrift/Write", new IOException("x"))))
                .isTrue();
        assertThat(DiskSpace.isStorageFault(new RuntimeException(new UncheckedIOException(new IOException("x")))))
                .isTrue();
        assertThat(DiskSpace.isStorageFault(new IllegalStateException("a bug"))).isFalse();
        assertThat(DiskSpace.isStorageFault(new LoadException(LoadProblem.ofFile("x.csv", "a CSV file"))))
                .isFalse();
    }

    @Test
    void aFaultIsDescribedInWords() {
        StorageFaultException full = DiskSpace.describe("the load", dir, new IOException("No space left on device"));
        assertThat(full.diskFull()).isTrue();
        assertThat(full.getMessage()).startsWith("the load failed: the disk holding " + dir + " is full (");
        StorageFaultException readOnly =
                DiskSpace.describe("the load", dir, new IOException("/x: Read-only file system"));
        assertThat(readOnly.diskFull()).isFalse();
        assertThat(readOnly.getMessage())
                .isEqualTo("the load failed: the file system holding " + dir + " is read-only");
        assertThat(DiskSpace.describe("the load", dir, new InternalError("unsafe memory access"))
                        .diskFull())
                .isTrue();
        assertThat(DiskSpace.human(512)).isEqualTo("512 B");
        assertThat(DiskSpace.human(3L << 20)).isEqualTo("3.0 MB");
    }
}
