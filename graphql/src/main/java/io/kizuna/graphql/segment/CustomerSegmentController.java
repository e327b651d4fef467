package io.kizuna.graphql.segment;

import io.kizuna.api.customer.CustomerProfile;
import io.kizuna.api.segment.FindSegments;
import io.kizuna.api.segment.SegmentList;
import io.kizuna.api.segment.SegmentMembership;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * A customer's current segments ({@code Customer.segments}, from the profile view) and the segment of a membership,
 * resolved from the catalog once per request level, never per customer.
 */
@Controller
public class CustomerSegmentController {

    private final QueryGateway queries;

    public CustomerSegmentController(QueryGateway queries) {
        this.queries = queries;
    }

    @SchemaMapping(typeName = "Customer")
    public List<SegmentMembership> segments(CustomerProfile customer) {
        return customer.segments() == null ? List.of() : customer.segments();
    }

    /** A membership of a segment no longer in the catalog (which cannot happen: segments are never removed) is null. */
    @BatchMapping(typeName = "SegmentMembership")
    public Map<SegmentMembership, SegmentView> segment(List<SegmentMembership> memberships) {
        Map<String, SegmentView> catalog =
                queries.query(new FindSegments(), SegmentList.class).join().segments().stream()
                        .map(SegmentView::of)
                        .collect(Collectors.toMap(SegmentView::id, Function.identity(), (a, b) -> a));
        Map<SegmentMembership, SegmentView> result = new LinkedHashMap<>();
        for (SegmentMembership membership : memberships) {
            SegmentView segment = catalog.get(membership.segmentId());
            if (segment != null) {
                result.put(membership, segment);
            }
        }
        return result;
    }
}
