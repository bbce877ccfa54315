package org.partnershipatlas.loaders.linkhealth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A web server on one loopback address that answers each path as the test says (404 for anything else, robots.txt
 * included) and records every request with its time, so that politeness can be checked from the server's side.
 */
final class FixtureHost implements AutoCloseable {
    /** One request as the server saw it; times are {@link System#nanoTime()}. */
    record Seen(String method, String path, Map<String, List<String>> headers, long startNanos, long endNanos) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst()
                    .orElse(null);
        }
    }

    @FunctionalInterface
    interface Answer {
        void answer(HttpExchange exchange) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile Answer otherwise = status(404);

    FixtureHost(String address) throws IOException {
        server = HttpServer.create(new InetSocketAddress(address, 0), 50);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            long start = System.nanoTime();
            try (exchange) {
                Answer answer = answers.getOrDefault(exchange.getRequestURI().getPath(), otherwise);
                answer.answer(exchange);
            } catch (Exception e) {
                // The client gave up (a timeout test) or the answer failed; the log shows the request either way.
            } finally {
                seen.add(new Seen(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().toString(),
                        Map.copyOf(exchange.getRequestHeaders()),
                        start,
                        System.nanoTime()));
            }
        });
        server.start();
    }

    FixtureHost on(String path, Answer answer) {
        answers.put(path, answer);
        return this;
    }

    /** How paths without an answer of their own are answered (404 unless set). */
    FixtureHost otherwise(Answer answer) {
        otherwise = answer;
        return this;
    }

    URI url(String path) {
        InetSocketAddress a = server.getAddress();
        return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + path);
    }

    String host() {
        return server.getAddress().getAddress().getHostAddress();
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    List<Seen> seen(String path) {
        return seen.stream().filter(s -> s.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    static Answer status(int code) {
        return ex -> ex.sendResponseHeaders(code, -1);
    }

    static Answer text(int code, String body, String... headers) {
        return ex -> {
            for (int i = 0; i < headers.length; i += 2) {
                ex.getResponseHeaders().add(headers[i], headers[i + 1]);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            if (ex.getRequestMethod().equals("HEAD")) {
                ex.sendResponseHeaders(code, -1);
            } else {
                ex.sendResponseHeaders(code, bytes.length);
                ex.getResponseBody().write(bytes);
            }
        };
    }

    static Answer redirect(int code, URI to) {
        return ex -> {
            ex.getResponseHeaders().add("Location", to.toString());
            ex.sendResponseHeaders(code, -1);
        };
    }

    /** A server that reads a request and resets the connection, except for robots.txt (404). */
    static final class Resetting implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread loop;

        Resetting(String address) throws IOException {
            socket = new ServerSocket();
            socket.bind(new InetSocketAddress(address, 0));
            loop = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket s = socket.accept()) {
                        InputStream in = s.getInputStream();
                        byte[] buf = new byte[4096];
                        int n = in.read(buf);
                        String request = n > 0 ? new String(buf, 0, n, StandardCharsets.US_ASCII) : "";
                        if (request.contains("/robots.txt ")) {
                            OutputStream out = s.getOutputStream();
                            out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                    .getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                        } else {
                            s.setSoLinger(true, 0); // closing now sends RST
                        }
                    } catch (IOException e) {
                        // closed by the test
                    }
                }
            });
            loop.setDaemon(true);
            loop.start();
        }

        URI url(String path) {
            return URI.create(
                    "http://" + socket.getInetAddress().getHostAddress() + ":" + socket.getLocalPort() + path);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
