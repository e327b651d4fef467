package io.kizuna.infra.health;

import io.kizuna.projection.index.ViewIndexSetup;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Up once every Elasticsearch view index exists and can serve; part of readiness. */
@Component
public class ViewsHealthIndicator implements HealthIndicator {

    private final ViewIndexSetup setup;

    public ViewsHealthIndicator(ViewIndexSetup setup) {
        this.setup = setup;
    }

    @Override
    public Health health() {
        return setup.isReady()
                ? Health.up().build()
                : Health.outOfService().withDetail("reason", "creating indices").build();
    }
}
