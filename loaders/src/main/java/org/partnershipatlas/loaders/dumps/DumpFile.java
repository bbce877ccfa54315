package org.partnershipatlas.loaders.dumps;

/**
 * One release file.
 *
 * @param name the file name, relative to the dumps folder (e.g. {@code atlas.nq.gz}, {@code graphs/partnerships.nt.gz})
 * @param mediaType the media type of the content once decompressed (e.g. {@code application/n-quads})
 * @param compressed true if the file is gzipped
 * @param bytes its size
 * @param sha256 its SHA-256, lower-case hex
 * @param statements the quads or triples it holds, or -1 when not counted
 * @param graph the named graph it holds, or null for the whole dataset or the union
 */
public record DumpFile(
        String name, String mediaType, boolean compressed, long bytes, String sha256, long statements, String graph) {}
