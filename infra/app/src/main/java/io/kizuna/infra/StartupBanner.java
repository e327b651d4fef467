package io.kizuna.infra;

import io.kizuna.infra.security.BootstrapAdminKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says where the platform answers once it is ready, with the port it really got. */
@Component
public class StartupBanner {

    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

    private final BootstrapAdminKey adminKey;

    public StartupBanner(BootstrapAdminKey adminKey) {
        this.adminKey = adminKey;
    }

    @EventListener
    public void ready(ApplicationReadyEvent event) {
        if (event.getApplicationContext() instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            String base = "http://localhost:" + web.getWebServer().getPort();
            log.info(
                    "Kizuna is ready: GraphQL at {}/graphql, GraphiQL at {}/graphiql, health at {}/actuator/health",
                    base,
                    base,
                    base);
        }
        if (adminKey.generatedKey() != null) {
            // the secret goes to the console only, never to the log (log files are shipped and kept)
            log.info("Admin API key generated once, kept in {}: printed on the console", adminKey.file());
            System.out.println("Admin API key (generated once, kept in " + adminKey.file() + "): "
                    + adminKey.generatedKey() + "  send it as 'Authorization: Bearer <key>'");
        }
    }
}
