package io.kizuna.graphql.segment;

import io.kizuna.api.customer.CustomerPage;
import io.kizuna.api.customer.CustomerProfile;
import io.kizuna.api.customer.CustomerProfiles;
import io.kizuna.api.customer.FindCustomerProfiles;
import io.kizuna.api.segment.DefineSegment;
import io.kizuna.api.segment.FindSegment;
import io.kizuna.api.segment.FindSegmentEvaluation;
import io.kizuna.api.segment.FindSegmentMembers;
import io.kizuna.api.segment.FindSegmentSizeOverTime;
import io.kizuna.api.segment.FindSegmentSizes;
import io.kizuna.api.segment.FindSegments;
import io.kizuna.api.segment.PreviewSegment;
import io.kizuna.api.segment.Segment;
import io.kizuna.api.segment.SegmentEvaluation;
import io.kizuna.api.segment.SegmentList;
import io.kizuna.api.segment.SegmentPreview;
import io.kizuna.api.segment.SegmentSizeHistory;
import io.kizuna.api.segment.SegmentSizePoint;
import io.kizuna.api.segment.SegmentSizes;
import io.kizuna.api.segment.rule.SegmentRules;
import io.kizuna.api.validation.InvalidInputException;
import io.kizuna.api.validation.Violation;
import io.kizuna.graphql.customer.Connection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Segments, the audiences (not the Segment intake of {@code command.intake.segment}): the catalog (list, one, define),
 * and per segment its size (batched), members, size over time, rule in JSON form and background evaluation; and
 * previews of a rule before it is saved.
 */
@Controller
public class SegmentCatalogController {

    /** Customers a preview shows. */
    static final int PREVIEW_SAMPLE = 10;

    private final CommandGateway commands;
    private final QueryGateway queries;

    public SegmentCatalogController(CommandGateway commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    /** A preview as the GraphQL type {@code SegmentPreview} shows it: the sample loaded as customers. */
    public record SegmentPreviewView(long size, List<CustomerProfile> sample) {}

    @QueryMapping
    public List<SegmentView> segments() {
        return queries.query(new FindSegments(), SegmentList.class).join().segments().stream()
                .map(SegmentView::of)
                .toList();
    }

    @QueryMapping
    public SegmentView segment(@Argument String id) {
        Segment segment = queries.query(new FindSegment(id), Segment.class).join();
        return segment == null ? null : SegmentView.of(segment);
    }

    @QueryMapping
    public SegmentPreviewView previewSegment(@Argument String rule) {
        SegmentRules.parse(rule); // refused here, with the column, before any query
        SegmentPreview preview = queries.query(new PreviewSegment(rule, PREVIEW_SAMPLE), SegmentPreview.class)
                .join();
        return new SegmentPreviewView(preview.size(), profiles(preview.sampleCustomerIds()));
    }

    @MutationMapping
    public SegmentView defineSegment(@Argument SegmentInput input) {
        Segment stored;
        try {
            stored = commands.sendAndWait(new DefineSegment(input.definition()));
        } catch (RuntimeException e) {
            throw invalidInput(e);
        }
        if (stored == null) {
            throw new IllegalStateException("defining segment " + input.name() + " was interrupted");
        }
        return SegmentView.of(stored);
    }

    @BatchMapping(typeName = "Segment")
    public Map<SegmentView, Integer> size(List<SegmentView> segments) {
        SegmentSizes sizes = queries.query(
                        new FindSegmentSizes(segments.stream()
                                .map(SegmentView::id)
                                .distinct()
                                .toList()),
                        SegmentSizes.class)
                .join();
        Map<SegmentView, Integer> result = new LinkedHashMap<>();
        for (SegmentView segment : segments) {
            result.put(segment, Math.toIntExact(sizes.sizes().getOrDefault(segment.id(), 0L)));
        }
        return result;
    }

    @SchemaMapping(typeName = "Segment")
    public Connection<CustomerProfile> members(SegmentView segment, @Argument Integer first, @Argument String after) {
        CustomerPage page = queries.query(
                        new FindSegmentMembers(segment.id(), first == null ? 20 : first, after), CustomerPage.class)
                .join();
        return Connection.of(page.customers(), page.cursors(), page.hasNextPage(), after != null, page.totalCount());
    }

    @SchemaMapping(typeName = "Segment")
    public List<SegmentSizePoint> sizeOverTime(
            SegmentView segment, @Argument Instant from, @Argument Instant to, @Argument String interval) {
        return queries.query(new FindSegmentSizeOverTime(segment.id(), from, to, interval), SegmentSizeHistory.class)
                .join()
                .points();
    }

    @SchemaMapping(typeName = "Segment")
    public Map<String, Object> ruleJson(SegmentView segment) {
        return SegmentRules.toJson(SegmentRules.parse(segment.rule()));
    }

    @SchemaMapping(typeName = "Segment")
    public CompletableFuture<SegmentEvaluation> evaluation(SegmentView segment) {
        return queries.query(new FindSegmentEvaluation(segment.id()), SegmentEvaluation.class);
    }

    /** The profiles of {@code ids}, in that order (one query for all). */
    private List<CustomerProfile> profiles(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, CustomerProfile> found =
                queries.query(new FindCustomerProfiles(ids), CustomerProfiles.class).join().profiles().stream()
                        .collect(Collectors.toMap(CustomerProfile::id, Function.identity(), (a, b) -> a));
        return ids.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    /**
     * The violations of a refused definition, wherever the command bus put them: the exception itself from a local
     * bus, or the details of a {@link HandlerExecutionException} from a remote one. Their fields ({@code rule}) are
     * named relative to the input; the error resolver adds {@code input.}.
     */
    private static RuntimeException invalidInput(RuntimeException failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidInputException invalid) {
                return invalid;
            }
            if (t instanceof HandlerExecutionException handlerFailure) {
                Object details = handlerFailure.getDetails().orElse(null);
                if (details instanceof InvalidInputException invalid) {
                    return invalid;
                }
                if (details instanceof List<?> list
                        && !list.isEmpty()
                        && list.stream().allMatch(Violation.class::isInstance)) {
                    return new InvalidInputException(
                            list.stream().map(Violation.class::cast).toList());
                }
            }
        }
        return failure;
    }
}
