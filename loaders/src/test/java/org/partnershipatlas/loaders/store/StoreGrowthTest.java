package org.partnershipatlas.loaders.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreGrowthTest {
    @TempDir
    Path dir;

    private static void write(Path file, int bytes) throws IOException {
        byte[] data = new byte[bytes];
        new Random(bytes).nextBytes(data);
        Files.createDirectories(file.getParent());
        Files.write(file, data);
    }

    @Test
    void whatAnotherWriterPutsOnTheSameDiskMeanwhileIsNotCountedAsTheStoresGrowth() throws IOException {
        Path store = dir.resolve("tdb2");
        write(store.resolve("Data-0001/nodes.dat"), 4096);
        StoreGrowth.Watch watch = StoreGrowth.watch(store);
        write(store.resolve("Data-0001/nodes.dat"), 4096 + (1 << 20));
        write(dir.resolve("elsewhere/dump.nq"), 32 << 20); // another process, the same disk
        assertThat(watch.grownBy()).isEqualTo(1 << 20);

        watch.record(64 << 10);
        assertThat(StoreGrowth.bytesPerSourceByte(store)).isEqualTo(16.0);
    }

    @Test
    void aStoreThatDidNotGrowRecordsNothingAndKeepsTheDefault() throws IOException {
        Path store = dir.resolve("tdb2");
        write(store.resolve("Data-0001/nodes.dat"), 4096);
        StoreGrowth.Watch watch = StoreGrowth.watch(store);
        assertThat(watch.grownBy()).isZero();
        watch.record(64 << 10);
        assertThat(StoreGrowth.bytesPerSourceByte(store)).isEqualTo(StoreGrowth.DEFAULT_BYTES_PER_SOURCE_BYTE);
    }
}
