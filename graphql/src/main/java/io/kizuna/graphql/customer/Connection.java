package io.kizuna.graphql.customer;

import java.util.ArrayList;
import java.util.List;

/** A Relay-style page: edges with cursors, and page info. */
public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo, long totalCount) {

    public record Edge<T>(T node, String cursor) {}

    public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {}

    public static <T> Connection<T> of(
            List<T> nodes, List<String> cursors, boolean hasNextPage, boolean hasPrevious, long total) {
        List<Edge<T>> edges = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            edges.add(new Edge<>(nodes.get(i), cursors.get(i)));
        }
        String start = cursors.isEmpty() ? null : cursors.get(0);
        String end = cursors.isEmpty() ? null : cursors.get(cursors.size() - 1);
        return new Connection<>(edges, new PageInfo(hasNextPage, hasPrevious, start, end), total);
    }
}
