package io.kizuna.infra.elasticsearch;

import java.net.URI;

/** A node that was already running; closing it leaves it running. */
record ReusedNode(URI url) implements ElasticsearchNode {

    @Override
    public boolean startedHere() {
        return false;
    }

    @Override
    public void close() {}
}
