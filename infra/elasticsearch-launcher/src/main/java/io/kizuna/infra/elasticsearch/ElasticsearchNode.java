package io.kizuna.infra.elasticsearch;

import java.net.URI;

/** A running Elasticsearch node, either started by this JVM or found already running. */
public interface ElasticsearchNode extends AutoCloseable {

    /** The node's HTTP address. */
    URI url();

    /** False when an already running node was reused. */
    boolean startedHere();

    /**
     * Stops the node (SIGTERM, then a kill after 20 s, including its child processes) if it was started here; does
     * nothing for a reused node.
     */
    @Override
    void close();
}
