package org.partnershipatlas.endpoint.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Admin users and their hashed passwords, from a file of lines {@code user:pbkdf2-sha256:iterations:salt:hash}
 * (salt and hash in Base64), as {@code atlas hash-password} writes them. Passwords are never stored or logged.
 */
public final class AdminCredentials {
    static final String SCHEME = "pbkdf2-sha256";
    static final int ITERATIONS = 210_000;

    private final Map<String, String> users;

    private AdminCredentials(Map<String, String> users) {
        this.users = Map.copyOf(users);
    }

    /** Reads a credentials file; a malformed line is an error naming the line. */
    public static AdminCredentials read(Path file) {
        Map<String, String> users = new HashMap<>();
        try {
            int n = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.strip().split(":");
                if (parts.length != 5 || !parts[1].equals(SCHEME)) {
                    throw new IllegalArgumentException(file + ", line " + n + ": expected user:" + SCHEME
                            + ":iterations:salt:hash (see 'atlas hash-password')");
                }
                users.put(parts[0], line.strip().substring(parts[0].length() + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AdminCredentials(users);
    }

    /** A line for the credentials file. */
    public static String hash(String user, char[] password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return user + ":" + SCHEME + ":" + ITERATIONS + ":"
                + Base64.getEncoder().encodeToString(salt) + ":"
                + Base64.getEncoder().encodeToString(derive(password, salt, ITERATIONS));
    }

    /** The user, if the HTTP Basic credentials are right. */
    public Optional<String> verify(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String user = decoded.substring(0, colon);
        String stored = users.get(user);
        if (stored == null) {
            return Optional.empty();
        }
        String[] parts = stored.split(":");
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        byte[] actual = derive(decoded.substring(colon + 1).toCharArray(), salt, Integer.parseInt(parts[1]));
        return MessageDigest.isEqual(expected, actual) ? Optional.of(user) : Optional.empty();
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password, salt, iterations, 256))
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
