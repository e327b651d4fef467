package io.kizuna.infra.elasticsearch;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.elasticsearch.autoconfigure.Rest5ClientBuilderCustomizer;
import org.springframework.stereotype.Component;

/**
 * Runs a local Elasticsearch node for the platform when {@code kizuna.elasticsearch.managed=true} (the embedded
 * default): reuses one already answering at the configured URL, else starts one under the data folder and stops it
 * when the platform stops. It is a client-builder customizer so that Spring creates it, and so starts the node,
 * before the Elasticsearch client is built.
 */
@Component
@ConditionalOnProperty(name = "kizuna.elasticsearch.managed", havingValue = "true")
public class ManagedElasticsearch implements Rest5ClientBuilderCustomizer, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ManagedElasticsearch.class);

    private final ElasticsearchNode node;

    public ManagedElasticsearch(
            @Value("${kizuna.elasticsearch.url}") URI url,
            @Value("${kizuna.data-dir}") Path dataDir,
            @Value("${kizuna.elasticsearch.heap:1g}") String heap) {
        LauncherSettings defaults =
                LauncherSettings.defaults(dataDir.toAbsolutePath().resolve("elasticsearch"));
        LauncherSettings settings =
                new LauncherSettings(url, defaults.home(), heap, Duration.ofSeconds(180), defaults.clusterName());
        this.node = ElasticsearchLauncher.startOrReuse(settings);
        log.info("Elasticsearch {} at {}", node.startedHere() ? "started" : "reused", node.url());
    }

    @Override
    public void customize(co.elastic.clients.transport.rest5_client.low_level.Rest5ClientBuilder builder) {
        // the node is running by now; the client needs nothing else from us
    }

    @Override
    public void destroy() {
        if (node.startedHere()) {
            log.info("Stopping the Elasticsearch node this platform started");
        }
        node.close();
    }
}
