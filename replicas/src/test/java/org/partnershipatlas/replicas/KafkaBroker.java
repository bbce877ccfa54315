package org.partnershipatlas.replicas;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) in a child JVM built from the test classpath,
 * on two free loopback ports, its data in a folder of the test's. Forked, not called in this JVM: Kafka's tools end in
 * {@code Exit.exit}, which would end the test JVM. See {@code ../shared/notes/kafka-broker.md}.
 */
public final class KafkaBroker implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final int controllerPort;
    private Process process;

    private KafkaBroker(Path dir, int port, int controllerPort) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Formats the storage and starts the broker; returns once it answers. */
    public static KafkaBroker start(Path dir) throws IOException, InterruptedException {
        KafkaBroker broker = prepare(dir);
        broker.startProcess();
        return broker;
    }

    /**
     * Picks the ports and formats the storage without starting the broker ({@link #start()}), for clients that must
     * meet a broker that is not there yet.
     */
    public static KafkaBroker prepare(Path dir) throws IOException, InterruptedException {
        KafkaBroker broker = new KafkaBroker(dir, freePort(), freePort());
        broker.format();
        return broker;
    }

    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** Creates a topic of one partition. */
    public void createTopic(String topic) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Deletes the topic's messages before {@code offset} (partition 0), as retention would: the partition's log start
     * offset becomes {@code offset}.
     */
    public void deleteRecordsBefore(String topic, long offset) throws Exception {
        try (Admin admin = admin()) {
            admin.deleteRecords(java.util.Map.of(
                            new org.apache.kafka.common.TopicPartition(topic, 0),
                            org.apache.kafka.clients.admin.RecordsToDelete.beforeOffset(offset)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    /** Stops the broker (SIGTERM, a controlled shutdown); {@link #restart()} starts it again on the same ports. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    public void restart() throws IOException, InterruptedException {
        stop();
        startProcess();
    }

    private void format() throws IOException, InterruptedException {
        Files.writeString(dir.resolve("server.properties"), properties(), StandardCharsets.UTF_8);
        Process format = java(
                        "kafka.tools.StorageTool",
                        "format",
                        "--standalone",
                        "-t",
                        Uuid.randomUuid().toString(),
                        "-c",
                        dir.resolve("server.properties").toString())
                .redirectOutput(dir.resolve("format.log").toFile())
                .redirectErrorStream(true)
                .start();
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            throw new IllegalStateException(
                    "formatting the Kafka storage failed: " + Files.readString(dir.resolve("format.log")));
        }
    }

    private void startProcess() throws IOException, InterruptedException {
        process = java("kafka.Kafka", dir.resolve("server.properties").toString())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("broker.log").toFile()))
                .redirectErrorStream(true)
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker died: " + tail());
            }
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the Kafka broker did not answer in 90 s: " + tail(), e);
                }
                Thread.sleep(100);
            }
        }
    }

    private String tail() throws IOException {
        String log = Files.readString(dir.resolve("broker.log"));
        return log.substring(Math.max(0, log.length() - 4000));
    }

    private Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        return Admin.create(p);
    }

    private String properties() {
        return String.join(
                "\n",
                "process.roles=broker,controller",
                "node.id=1",
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                // The entries the Atlas sends (LogTopic.MAX_MESSAGE_BYTES) and a little for the record's framing.
                "message.max.bytes=" + (LogTopic.MAX_MESSAGE_BYTES + 65536),
                "");
    }

    private static ProcessBuilder java(String main, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                // The client compiler only: the broker lives for one test class, mostly idle, and the optimising
                // compiler's threads would take CPU from the tests on CI's two cores.
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                main));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts the broker {@link #prepare}d, or again after {@link #stop()}, on the same ports. */
    public void start() throws IOException, InterruptedException {
        startProcess();
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
