package io.kizuna.bench.jmh;

import io.kizuna.bench.generate.Dataset;
import io.kizuna.bench.generate.JourneyGenerator;
import io.kizuna.bench.generate.SegmentJson;
import io.kizuna.command.intake.segment.EventTypes;
import io.kizuna.command.intake.segment.HttpIntakeProperties;
import io.kizuna.command.intake.segment.SegmentCall;
import io.kizuna.command.intake.segment.SegmentMapper;
import io.kizuna.command.intake.segment.SegmentRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Segment intake's hot path per request: parsing a {@code /v1/batch} body of 500 generated calls into calls
 * ({@link SegmentRequest}) and mapping each to an intake message ({@link SegmentMapper}), as the intake's controller
 * does before anything is stored. Scores are per batch of 500.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SegmentIntakeBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private byte[] body;
    private List<SegmentCall> calls;
    private SegmentMapper mapper;
    private HttpIntakeProperties limits;
    private final Instant receivedAt = Instant.parse("2026-11-01T00:00:00Z");

    @Setup
    public void setUp() {
        Dataset data = JourneyGenerator.generate(new JourneyGenerator.Settings(200, 5_000, 1, receivedAt, 0));
        body = new SegmentJson(data).batch(data.online().subList(0, 500));
        limits = new HttpIntakeProperties(
                64, Duration.ofSeconds(1), DataSize.ofKilobytes(32), DataSize.ofKilobytes(500), 2500);
        mapper = new SegmentMapper(new EventTypes(Map.of("order-completed", "purchase")), "server", JSON);
        calls = SegmentRequest.parse(null, body, "wk", limits, JSON);
    }

    @Benchmark
    public List<SegmentCall> parseBatch() {
        return SegmentRequest.parse(null, body, "wk", limits, JSON);
    }

    @Benchmark
    public void mapBatch(Blackhole hole) {
        for (SegmentCall call : calls) {
            hole.consume(mapper.map(call, "source-1", receivedAt));
        }
    }

    @Benchmark
    public void parseAndMapBatch(Blackhole hole) {
        for (SegmentCall call : SegmentRequest.parse(null, body, "wk", limits, JSON)) {
            hole.consume(mapper.map(call, "source-1", receivedAt));
        }
    }
}
