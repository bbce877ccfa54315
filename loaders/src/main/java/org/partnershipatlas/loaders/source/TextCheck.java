package org.partnershipatlas.loaders.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.partnershipatlas.loaders.LoadException;
import org.partnershipatlas.loaders.LoadProblem;

/**
 * Checks, in one streaming pass before a source is parsed, that it is text the Atlas can read: UTF-8 (with or
 * without a byte-order mark), without control characters other than tab and line ends, and, for the line-based
 * syntaxes (CSV, Turtle, N-Triples), without enormous lines. A problem is reported with its line and column.
 *
 * <p>Why before parsing: Jena's Turtle, N-Triples and JSON-LD readers quietly turn bytes that are not UTF-8 into
 * U+FFFD (a pound sign saved as Latin-1 was stored as U+FFFD); control characters such as NUL are legal inside Turtle
 * strings but cannot be written as XML 1.0, and the Atlas serves every document as RDF/XML too; and a parser holds a
 * whole line or token in memory, so a single line of gigabytes would exhaust it. RDF/XML is left to the XML parser,
 * which honours the document's declared encoding and refuses control characters itself.
 */
public final class TextCheck {
    /** The longest line of a line-based source, in characters; the sample data's longest is under 1,000. */
    public static final int MAX_LINE = 1_000_000;

    private static final int BUFFER = 64 * 1024;

    private TextCheck() {}

    /** Checks the file of a source; throws {@link LoadException} naming the file, line and what was expected. */
    public static void check(SourceFile source) {
        Lang lang = source.lang();
        if (lang != null && RDFLanguages.sameLang(lang, Lang.RDFXML)) {
            return;
        }
        boolean lineBased =
                lang == null || RDFLanguages.sameLang(lang, Lang.TURTLE) || RDFLanguages.sameLang(lang, Lang.NTRIPLES);
        new Scan(source.displayName(), lineBased ? MAX_LINE : Long.MAX_VALUE).run(source);
    }

    private static final class Scan {
        private final String file;
        private final long maxLine;
        private long line = 1;
        private long column;
        private boolean start = true;
        private boolean sniffed;

        Scan(String file, long maxLine) {
            this.file = file;
            this.maxLine = maxLine;
        }

        void run(SourceFile source) {
            CharsetDecoder decoder = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
            CharBuffer chars = CharBuffer.allocate(BUFFER);
            try (SeekableByteChannel channel = Files.newByteChannel(source.path())) {
                boolean end = false;
                while (!end) {
                    end = channel.read(bytes) < 0;
                    bytes.flip();
                    if (!sniffed) {
                        sniff(bytes);
                        sniffed = true;
                    }
                    CoderResult result;
                    do {
                        result = decoder.decode(bytes, chars, end);
                        scan(chars);
                        if (result.isError()) {
                            throw notUtf8(bytes.get(bytes.position()));
                        }
                    } while (result.isOverflow());
                    bytes.compact();
                }
                decoder.flush(chars);
                scan(chars);
            } catch (IOException e) {
                throw new LoadException(LoadProblem.ofFile(file, "a readable file: " + e.getMessage()), e);
            }
        }

        /** Names the usual binary files that are given a text file's name, rather than reporting their first byte. */
        private void sniff(ByteBuffer bytes) {
            int b0 = bytes.remaining() > 0 ? bytes.get(0) & 0xFF : -1;
            int b1 = bytes.remaining() > 1 ? bytes.get(1) & 0xFF : -1;
            int b2 = bytes.remaining() > 2 ? bytes.get(2) & 0xFF : -1;
            int b3 = bytes.remaining() > 3 ? bytes.get(3) & 0xFF : -1;
            if (b0 == 0xFE && b1 == 0xFF || b0 == 0xFF && b1 == 0xFE) {
                throw problem("UTF-8 text; found a UTF-16 byte-order mark (save the file as UTF-8)");
            }
            if (b0 == 0x1F && b1 == 0x8B) {
                throw problem("text; found gzip-compressed data (decompress the file first)");
            }
            if (b0 == 'P' && b1 == 'K' && b2 == 3 && b3 == 4) {
                throw problem("text; found a ZIP archive, such as a spreadsheet workbook (save or export it as CSV"
                        + " UTF-8)");
            }
        }

        private void scan(CharBuffer chars) {
            chars.flip();
            while (chars.hasRemaining()) {
                char c = chars.get();
                if (start) {
                    start = false;
                    if (c == '\uFEFF') {
                        continue;
                    }
                }
                if (c == '\n') {
                    line++;
                    column = 0;
                    continue;
                }
                column++;
                if (c < 0x20 && c != '\t' && c != '\r') {
                    throw problem(String.format(
                            Locale.ROOT,
                            "text without control characters (column %d); found U+%04X (XML, in which the Atlas"
                                    + " also publishes its data, cannot hold them; is the file binary?)",
                            column,
                            (int) c));
                }
                if (column > maxLine) {
                    throw problem(String.format(
                            Locale.ROOT,
                            "a line of at most %,d characters; this line is longer (is the file binary, or missing"
                                    + " its line ends?)",
                            maxLine));
                }
            }
            chars.clear();
        }

        private LoadException notUtf8(byte b) {
            return problem(String.format(
                    Locale.ROOT,
                    "UTF-8 text; byte 0x%02X (column %d) is not UTF-8 (was the file saved as Latin-1 or Windows-1252?"
                            + " save it as UTF-8)",
                    b & 0xFF,
                    column + 1));
        }

        private LoadException problem(String expected) {
            return new LoadException(new LoadProblem(file, line, null, null, expected, null));
        }
    }
}
