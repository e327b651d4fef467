package io.kizuna.cli.importing;

import io.kizuna.cli.importing.file.CsvMapping;
import io.kizuna.cli.importing.file.Format;
import io.kizuna.cli.importing.intake.BatchBuilder;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The options of {@code kizuna import}, read from the command line and the environment ({@code KIZUNA_URL},
 * {@code KIZUNA_WRITE_KEY}).
 *
 * @param mapping the CSV column mapping, {@code null} for NDJSON
 * @param maxBatches stop after this many batches of this run (0: no limit), to try resuming
 * @param retryFor how long one request may keep failing (429, 5xx, no connection) before the import gives up
 */
public record ImportOptions(
        Path file,
        URI url,
        String writeKey,
        Format format,
        CsvMapping mapping,
        int batchSize,
        boolean fresh,
        long maxBatches,
        Duration retryFor) {

    public static final String DEFAULT_URL = "http://localhost:8080";
    public static final int DEFAULT_BATCH_SIZE = 500;
    public static final Duration DEFAULT_RETRY_FOR = Duration.ofMinutes(2);

    public static final String USAGE =
            """
            usage: kizuna import FILE [--url URL] [--write-key KEY] [--format ndjson|csv]
                                      [--map field=column,...] [--batch-size N] [--fresh]
                                      [--max-batches N] [--retry-for DURATION]

            Sends a file of Segment messages to the platform's Segment-compatible intake (POST URL/v1/batch).
              FILE             NDJSON (one Segment message per line, with its type) or CSV (header row; each
                               row becomes a track call by --map)
              --url URL        the platform (default: $KIZUNA_URL, else http://localhost:8080)
              --write-key KEY  a source's write key (default: $KIZUNA_WRITE_KEY); create one with the GraphQL
                               mutation { createSource(name: "import") { writeKey } }
              --format F       ndjson or csv (default: csv for a .csv file, else ndjson)
              --map M          CSV columns: userId=COL, anonymousId=COL, event=COL, timestamp=COL,
                               messageId=COL, properties.NAME=COL, comma-separated
              --batch-size N   messages per request, 1 to 2500 (default 500; requests also stay under 500 KB)
              --fresh          ignore the checkpoint and send the whole file again (the intake stores nothing twice)
              --max-batches N  stop after N batches (to try resuming)
              --retry-for D    how long to keep retrying an unavailable intake, e.g. 30s, 5m (default 2m)
            Progress goes to stderr, the summary to stdout. A checkpoint FILE.kizuna-import.json lets a new run
            continue where an interrupted one stopped; rejected lines are listed in
            FILE.kizuna-import.rejected.ndjson. Exit status: 0 when every line was acknowledged or rejected,
            1 when the import stopped early, 2 for a usage error.
            """;

    /**
     * @throws UsageException saying what is wrong, for the user to correct
     */
    public static ImportOptions parse(List<String> args, Map<String, String> env) throws UsageException {
        Path file = null;
        String url = env.getOrDefault("KIZUNA_URL", "");
        String writeKey = env.getOrDefault("KIZUNA_WRITE_KEY", "");
        String format = null;
        String map = null;
        int batchSize = DEFAULT_BATCH_SIZE;
        boolean fresh = false;
        long maxBatches = 0;
        Duration retryFor = DEFAULT_RETRY_FOR;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            if (arg.startsWith("--") && arg.contains("=")) {
                name = arg.substring(0, arg.indexOf('='));
                value = arg.substring(arg.indexOf('=') + 1);
            }
            switch (name) {
                case "--fresh" -> fresh = true;
                case "--url" -> url = value != null ? value : value(args, ++i, name);
                case "--write-key" -> writeKey = value != null ? value : value(args, ++i, name);
                case "--format" -> format = value != null ? value : value(args, ++i, name);
                case "--map" -> map = value != null ? value : value(args, ++i, name);
                case "--batch-size" ->
                    batchSize = (int)
                            number(value != null ? value : value(args, ++i, name), name, 1, BatchBuilder.MAX_MESSAGES);
                case "--max-batches" ->
                    maxBatches = number(value != null ? value : value(args, ++i, name), name, 1, Long.MAX_VALUE);
                case "--retry-for" -> retryFor = duration(value != null ? value : value(args, ++i, name));
                default -> {
                    if (arg.startsWith("-") && !arg.equals("-")) {
                        throw new UsageException("unknown option " + arg);
                    }
                    if (file != null) {
                        throw new UsageException("one file at a time: got " + file + " and " + arg);
                    }
                    file = Path.of(arg);
                }
            }
        }
        if (file == null) {
            throw new UsageException("which file? give FILE");
        }
        file = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new UsageException("no such file: " + file);
        }
        if (!Files.isReadable(file)) {
            throw new UsageException("cannot read " + file);
        }
        if (writeKey.isBlank()) {
            throw new UsageException("no write key: give --write-key KEY or set KIZUNA_WRITE_KEY (create a source"
                    + " with the GraphQL mutation { createSource(name: \"import\") { writeKey } })");
        }
        Format chosen;
        try {
            chosen = format != null ? Format.of(format) : map != null ? Format.CSV : Format.guess(file);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        CsvMapping mapping = null;
        if (chosen == Format.CSV) {
            try {
                mapping = CsvMapping.parse(map);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        } else if (map != null) {
            throw new UsageException("--map is for CSV files; NDJSON lines are Segment messages already");
        }
        return new ImportOptions(
                file, url(url), writeKey.strip(), chosen, mapping, batchSize, fresh, maxBatches, retryFor);
    }

    private static String value(List<String> args, int i, String name) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException(name + " needs a value");
        }
        return args.get(i);
    }

    private static long number(String text, String name, long min, long max) throws UsageException {
        try {
            long n = Long.parseLong(text.strip().replace("_", ""));
            if (n < min || n > max) {
                throw new UsageException(name + " must be between " + min + " and " + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a number, not '" + text + "'");
        }
    }

    /** {@code 90} or {@code 90s}, {@code 5m}, {@code 1h}; or ISO-8601 ({@code PT5M}). */
    static Duration duration(String text) throws UsageException {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            char unit = t.charAt(t.length() - 1);
            String digits = Character.isDigit(unit) ? t : t.substring(0, t.length() - 1);
            long n = Long.parseLong(digits);
            return switch (unit) {
                case 'h' -> Duration.ofHours(n);
                case 'm' -> Duration.ofMinutes(n);
                default -> {
                    if (unit != 's' && !Character.isDigit(unit)) {
                        throw new NumberFormatException();
                    }
                    yield Duration.ofSeconds(n);
                }
            };
        } catch (RuntimeException e) {
            throw new UsageException("--retry-for must be a duration such as 30s, 5m or 1h, not '" + text + "'");
        }
    }

    private static URI url(String text) throws UsageException {
        String t = text.isBlank() ? DEFAULT_URL : text.strip();
        try {
            URI uri = new URI(t);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw new URISyntaxException(t, "not an http(s) address");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException(
                    "--url must be the platform's http(s) address, e.g. " + DEFAULT_URL + ", not '" + text + "'");
        }
    }
}
